using System.Net;
using CsCheck;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Cases;

/// <summary>
/// Random bytes behind the signatures of the accepted types (PDF, DOCX/XLSX/PPTX zip, PNG, JPEG) and
/// random text: intake answers 201 or a 4xx problem, never a 5xx, and a stored case renders as a paper.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class IntakeFuzzTests(AppFixture app)
{
    private static readonly byte[][] Signatures =
    [
        "%PDF-1.7\n"u8.ToArray(),
        [0x50, 0x4B, 0x03, 0x04],
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
        [0xFF, 0xD8, 0xFF, 0xE0],
    ];

    /// <summary>Found by the property below (seed 5s23z956LDS2): a zip signature and one byte made the upload stream throw on a seek.</summary>
    [Fact]
    public async Task AZipShorterThanItsOwnEndRecord_IsRefusedAsAFileTypeWeDoNotTake()
    {
        var response = await app.Http.PostAsync("/api/cases", Submissions.AsMultipart(Submissions.Valid("Sak med avkortet zip"), ("fil.docx", [0x50, 0x4B, 0x03, 0x04, 0xF8])));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("fil.docx", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public Task RandomFilesAndText_NeverCauseA5xx() =>
        Gen.Select(Gen.Int[0, Signatures.Length - 1], Gen.Byte.Array[0, 4096], Gen.String[Gen.Char, 0, 400], (kind, bytes, text) => (kind, bytes, text))
            .SampleAsync(async sample =>
            {
                var submission = Submissions.Valid("Sak med tilfeldig innhold");
                submission["background"] = sample.text.Length == 0 ? "Bakgrunn" : sample.text;
                var file = Signatures[sample.kind].Concat(sample.bytes).ToArray();
                var response = await app.Http.PostAsync("/api/cases", Submissions.AsMultipart(submission, ("fil.bin", file)));
                Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var id = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
                    var paper = await app.Http.SendAsync(app.AsSecretariat(HttpMethod.Get, $"/api/cases/{id}/document"));
                    Assert.Equal(HttpStatusCode.OK, paper.StatusCode);
                }
            }, iter: 25, threads: 1);
}
