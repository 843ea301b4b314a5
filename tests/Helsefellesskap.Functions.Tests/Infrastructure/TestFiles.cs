using System.IO.Compression;
using System.Text;

namespace Helsefellesskap.Functions.Tests.Infrastructure;

/// <summary>Small but real files of each kind the intake must recognise or refuse.</summary>
public static class TestFiles
{
    /// <param name="padding">About this many bytes of incompressible comment lines in the page's content (a large but valid PDF).</param>
    public static byte[] Pdf(string text = "Vedlegg", int padding = 0)
    {
        var content = $"BT /F1 12 Tf 72 760 Td ({text}) Tj ET" + Padding(padding);
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        return PdfOf(objects);
    }

    /// <summary>A PDF of these objects (numbered from 1; the first is the catalog), with its cross-reference table.</summary>
    public static byte[] PdfOf(params string[] objects)
    {
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append($"{offset:0000000000} 00000 n \n");
        }

        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private static string Padding(int bytes)
    {
        var random = new Random(bytes);
        var lines = new StringBuilder();
        var line = new byte[60];
        while (lines.Length < bytes)
        {
            random.NextBytes(line);
            lines.Append("\n% ").Append(Convert.ToBase64String(line));
        }

        return lines.ToString();
    }

    public static byte[] Png() => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    public static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0xFF, 0xD9];

    public static byte[] Docx() => Zip("[Content_Types].xml", "word/document.xml");

    public static byte[] Xlsx() => Zip("[Content_Types].xml", "xl/workbook.xml");

    public static byte[] Pptx() => Zip("[Content_Types].xml", "ppt/presentation.xml");

    /// <summary>A zip that is not an Office document.</summary>
    public static byte[] PlainZip() => Zip("readme.txt");

    /// <summary>A Windows executable's header, whatever the file is called.</summary>
    public static byte[] Exe() => [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00];

    public static byte[] OfSize(long bytes)
    {
        var data = new byte[bytes];
        Encoding.ASCII.GetBytes("%PDF-1.4\n").CopyTo(data, 0);
        return data;
    }

    private static byte[] Zip(params string[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write("<xml/>");
            }
        }

        return buffer.ToArray();
    }
}
