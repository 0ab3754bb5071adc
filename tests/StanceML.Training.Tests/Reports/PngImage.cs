using System.Buffers.Binary;
using System.IO.Compression;

namespace StanceML.Tests;

/// <summary>
/// Just enough of a PNG decoder to look at a browser screenshot: 8-bit RGB or RGBA, not
/// interlaced (what Chromium writes). Pixels come back as RGBA.
/// </summary>
internal sealed class PngImage
{
    private PngImage(int width, int height, byte[] rgba) => (Width, Height, Rgba) = (width, height, rgba);

    public int Width { get; }

    public int Height { get; }

    public byte[] Rgba { get; }

    public static PngImage Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (!bytes.AsSpan(0, 8).SequenceEqual(signature))
        {
            throw new InvalidDataException($"{path} is not a PNG file.");
        }

        int width = 0, height = 0, channels = 0;
        var data = new MemoryStream();
        for (var at = 8; at < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
            var chunk = bytes.AsSpan(at + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(chunk);
                    height = BinaryPrimitives.ReadInt32BigEndian(chunk[4..]);
                    if (chunk[8] != 8 || chunk[12] != 0 || chunk[9] is not (2 or 6))
                    {
                        throw new InvalidDataException($"{path}: only 8-bit, non-interlaced RGB or RGBA is supported.");
                    }

                    channels = chunk[9] == 6 ? 4 : 3;
                    break;
                case "IDAT":
                    data.Write(chunk);
                    break;
            }

            at += 12 + length;
        }

        data.Position = 0;
        using var inflate = new ZLibStream(data, CompressionMode.Decompress);
        var stride = width * channels;
        var raw = new byte[height * (stride + 1)];
        inflate.ReadExactly(raw);

        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int value = raw[(y * (stride + 1)) + 1 + x];
                int a = x >= channels ? pixels[(y * stride) + x - channels] : 0;
                int b = y > 0 ? pixels[((y - 1) * stride) + x] : 0;
                int c = x >= channels && y > 0 ? pixels[((y - 1) * stride) + x - channels] : 0;
                value += filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"{path}: unknown PNG filter {filter}."),
                };
                pixels[(y * stride) + x] = (byte)value;
            }
        }

        var rgba = new byte[width * height * 4];
        for (var i = 0; i < width * height; i++)
        {
            rgba[(i * 4) + 0] = pixels[(i * channels) + 0];
            rgba[(i * 4) + 1] = pixels[(i * channels) + 1];
            rgba[(i * 4) + 2] = pixels[(i * channels) + 2];
            rgba[(i * 4) + 3] = channels == 4 ? pixels[(i * channels) + 3] : (byte)255;
        }

        return new PngImage(width, height, rgba);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
