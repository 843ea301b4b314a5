using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Cases;

/// <summary>Attachment types are known by their content, never by their name.</summary>
public sealed class AttachmentTypesTests
{
    public static TheoryData<string, byte[], string?> Files => new()
    {
        { "pdf", TestFiles.Pdf(), "application/pdf" },
        { "png", TestFiles.Png(), "image/png" },
        { "jpeg", TestFiles.Jpeg(), "image/jpeg" },
        { "docx", TestFiles.Docx(), AttachmentTypes.Docx.ContentType },
        { "xlsx", TestFiles.Xlsx(), AttachmentTypes.Xlsx.ContentType },
        { "pptx", TestFiles.Pptx(), AttachmentTypes.Pptx.ContentType },
        { "zip that is no Office file", TestFiles.PlainZip(), null },
        { "exe", TestFiles.Exe(), null },
        { "text", "Hei, dette er tekst"u8.ToArray(), null },
        { "empty", [], null },
        { "truncated zip", [0x50, 0x4B, 0x03, 0x04, 0x00], null },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Detect_RecognisesAllowedTypesByContent(string what, byte[] content, string? expected)
    {
        using var stream = new MemoryStream(content);
        Assert.True(expected == AttachmentTypes.Detect(stream)?.ContentType, what);
        Assert.Equal(0, stream.Position);
    }

    [Theory]
    [InlineData("C:\\Users\\kari\\rapport.pdf", "rapport.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("\"sitat\".pdf", "sitat.pdf")]
    [InlineData("", "vedlegg")]
    public void CleanName_KeepsOnlyTheFileName(string given, string expected) =>
        Assert.Equal(expected, AttachmentCheck.CleanName(given));
}
