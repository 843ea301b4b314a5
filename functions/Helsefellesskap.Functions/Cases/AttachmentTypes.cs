using System.IO.Compression;

namespace Helsefellesskap.Functions.Cases;

public sealed record AttachmentType(string Label, string ContentType, string Extension);

/// <summary>
/// The attachment types a case may carry, recognised by their content (magic bytes and, for Office
/// files, the parts inside the zip), never by the file name or the type the client claims.
/// </summary>
public static class AttachmentTypes
{
    public static readonly AttachmentType Pdf = new("PDF", "application/pdf", ".pdf");
    public static readonly AttachmentType Docx = new("Word (.docx)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
    public static readonly AttachmentType Xlsx = new("Excel (.xlsx)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");
    public static readonly AttachmentType Pptx = new("PowerPoint (.pptx)", "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx");
    public static readonly AttachmentType Png = new("PNG", "image/png", ".png");
    public static readonly AttachmentType Jpeg = new("JPEG", "image/jpeg", ".jpg");

    public static string AllowedList => "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), PNG og JPEG";

    /// <summary>The type of the content, or null if it is none of the allowed ones. The stream must be seekable.</summary>
    public static AttachmentType? Detect(Stream content)
    {
        Span<byte> head = stackalloc byte[8];
        content.Position = 0;
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = 0;
        head = head[..read];
        if (head.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return Png;
        }

        if (head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
        {
            return Jpeg;
        }

        return head.StartsWith("PK\u0003\u0004"u8) ? OfficeType(content) : null;
    }

    private static AttachmentType? OfficeType(Stream content)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (!names.Contains("[Content_Types].xml"))
            {
                return null;
            }

            return names.Contains("word/document.xml") ? Docx
                : names.Contains("xl/workbook.xml") ? Xlsx
                : names.Contains("ppt/presentation.xml") ? Pptx
                : null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentOutOfRangeException)
        {
            // Not a readable archive; a form upload's stream refuses a seek before its start (a
            // "zip" shorter than its own end record) with ArgumentOutOfRangeException.
            return null;
        }
        finally
        {
            content.Position = 0;
        }
    }
}
