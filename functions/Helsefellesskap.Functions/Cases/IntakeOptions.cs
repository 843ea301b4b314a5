using Helsefellesskap.Functions.Common;

namespace Helsefellesskap.Functions.Cases;

public sealed class IntakeOptions
{
    public const string Section = "Intake";

    public long MaxFileBytes { get; set; } = 25L * 1024 * 1024;

    public long MaxCaseBytes { get; set; } = 50L * 1024 * 1024;

    public int MaxAttachments { get; set; } = 20;

    public static IEnumerable<string> Problems(IntakeOptions o)
    {
        if (o.MaxFileBytes <= 0)
        {
            yield return $"Setting {Settings.Name(Section, nameof(MaxFileBytes))} must be a positive number of bytes.";
        }

        if (o.MaxCaseBytes < o.MaxFileBytes)
        {
            yield return $"Setting {Settings.Name(Section, nameof(MaxCaseBytes))} must be at least {Section}:{nameof(MaxFileBytes)}.";
        }

        if (o.MaxAttachments is < 0 or > 100)
        {
            yield return $"Setting {Settings.Name(Section, nameof(MaxAttachments))} must be between 0 and 100.";
        }
    }
}
