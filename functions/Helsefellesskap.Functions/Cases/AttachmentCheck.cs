using Helsefellesskap.Functions.Common;
using System.Globalization;
using System.Security.Cryptography;

namespace Helsefellesskap.Functions.Cases;

/// <summary>An attachment that passed the checks: its type from its content, its size and hash.</summary>
public sealed record CheckedFile(string FileName, AttachmentType Type, long Length, string Sha256, Func<Stream> Open);

/// <summary>Why a set of attachments was refused: too large (413), of a type not allowed (415), or otherwise wrong (400).</summary>
public enum AttachmentProblem
{
    None,
    Invalid,
    TooLarge,
    UnsupportedType,
}

public static class AttachmentCheck
{
    public static (IReadOnlyList<CheckedFile> Files, AttachmentProblem Problem) Inspect(IReadOnlyList<IncomingFile> files, IntakeOptions limits, ValidationErrors errors)
    {
        const string field = CaseSubmissionInput.Fields.Attachments;
        var problem = AttachmentProblem.None;
        void Fail(AttachmentProblem kind, string message)
        {
            errors.Add(field, message);
            problem = (AttachmentProblem)Math.Max((int)problem, (int)kind);
        }

        if (files.Count > limits.MaxAttachments)
        {
            Fail(AttachmentProblem.Invalid, $"Du kan legge ved høyst {limits.MaxAttachments} filer (du valgte {files.Count}).");
            return ([], problem);
        }

        var total = files.Sum(f => f.Length);
        if (total > limits.MaxCaseBytes)
        {
            Fail(AttachmentProblem.TooLarge, $"Vedleggene er til sammen {Megabytes(total)}. Grensen er {Megabytes(limits.MaxCaseBytes)} per sak.");
        }

        var result = new List<CheckedFile>();
        foreach (var file in files)
        {
            var name = CleanName(file.FileName);
            if (file.Length == 0)
            {
                Fail(AttachmentProblem.Invalid, $"Vedlegget «{name}» er tomt.");
                continue;
            }

            if (file.Length > limits.MaxFileBytes)
            {
                Fail(AttachmentProblem.TooLarge, $"Vedlegget «{name}» er {Megabytes(file.Length)}. Grensen er {Megabytes(limits.MaxFileBytes)} per fil.");
                continue;
            }

            using var stream = file.Open();
            var type = AttachmentTypes.Detect(stream);
            if (type is null)
            {
                Fail(AttachmentProblem.UnsupportedType, $"Vedlegget «{name}» er ikke en filtype vi tar imot. Tillatte typer er {AttachmentTypes.AllowedList}.");
                continue;
            }

            // Opened the way the packet will open it, unless the case is refused for its size anyway.
            var pdf = type == AttachmentTypes.Pdf && total <= limits.MaxCaseBytes ? ReadAll(stream) : null;
            if (pdf is not null && !Documents.PacketBuilder.CanCopy(pdf))
            {
                Fail(AttachmentProblem.UnsupportedType, $"Vedlegget «{name}» ser ut som en PDF, men kan ikke åpnes. Lagre eller eksporter det som PDF på nytt, og send det igjen.");
                continue;
            }

            var hash = Convert.ToHexStringLower(pdf is null ? SHA256.HashData(stream) : SHA256.HashData(pdf));
            result.Add(new CheckedFile(name, type, file.Length, hash, file.Open));
        }

        return (problem == AttachmentProblem.None ? result : [], problem);
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The name without any path, control characters or quotes, at most 150 characters.</summary>
    public static string CleanName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c) && c is not '"' and not '/' and not '\\').ToArray()).Trim();
        if (name.Length == 0)
        {
            name = "vedlegg";
        }

        return name.Length <= 150 ? name : name[..150];
    }

    public static string Megabytes(long bytes) =>
        string.Create(CultureInfo.GetCultureInfo("nb-NO"), $"{bytes / 1024d / 1024d:0.#} MB");
}
