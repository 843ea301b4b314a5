using System.Buffers.Binary;

namespace Helsefellesskap.Functions.Documents;

/// <summary>The pixel size of a PNG (its IHDR) or a JPEG (its first frame header), or null when it cannot be read.</summary>
public static class ImageSize
{
    public static (int Width, int Height)? Of(byte[] image)
    {
        if (image.Length >= 24 && image.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return Positive(BinaryPrimitives.ReadInt32BigEndian(image.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(image.AsSpan(20)));
        }

        if (image.Length < 4 || image[0] != 0xFF || image[1] != 0xD8)
        {
            return null;
        }

        var at = 2;
        while (at + 9 < image.Length)
        {
            if (image[at] != 0xFF)
            {
                return null;
            }

            var marker = image[at + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(image.AsSpan(at + 2));
            // Start-of-frame markers (baseline, progressive, …), not DHT (C4), JPG (C8) or DAC (CC).
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return Positive(BinaryPrimitives.ReadUInt16BigEndian(image.AsSpan(at + 7)), BinaryPrimitives.ReadUInt16BigEndian(image.AsSpan(at + 5)));
            }

            at += 2 + length;
        }

        return null;
    }

    private static (int, int)? Positive(int width, int height) => width > 0 && height > 0 ? (width, height) : null;
}
