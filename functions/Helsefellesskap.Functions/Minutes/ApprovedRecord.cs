using Helsefellesskap.Functions.Common;

namespace Helsefellesskap.Functions.Minutes;

/// <summary>
/// An approved record is the meeting's legal record: once the minutes are approved, neither the outcome nor the files
/// of the minutes change in place (docs/adr/0020-the-approved-record-is-immutable.md).
/// </summary>
public static class ApprovedRecord
{
    public const string Title = "Referatet er godkjent";

    /// <summary>Why a change is refused, naming the approval.</summary>
    public static string Message(DateTimeOffset approvedAt, string? by) =>
        $"Referatet ble godkjent {Norwegian.LongDate(Oslo.DateOf(approvedAt))} kl. {Norwegian.Time(TimeOnly.FromDateTime(Oslo.LocalTime(approvedAt).DateTime))}" +
        (string.IsNullOrWhiteSpace(by) ? "" : $" ({by})") +
        ", og et godkjent referat endres ikke i ettertid: det er møtets protokoll slik den ble godkjent, publisert og arkivert.";
}
