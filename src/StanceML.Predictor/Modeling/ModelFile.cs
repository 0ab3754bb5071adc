using System.IO.Compression;
using System.Text;

namespace StanceML.Modeling;

/// <summary>
/// StanceML's own entries in a model .zip, beside ML.NET's (which ignores them): the training
/// sentences for explanations, the calibration temperature and a tuned encoder's weights.
/// </summary>
internal static class ModelFile
{
    /// <summary>Returns the model's bytes with the entry <paramref name="name"/> set to <paramref name="content"/> (UTF-8), replacing any earlier one.</summary>
    public static byte[] SetEntry(byte[] model, string name, string content) =>
        SetEntry(model, name, new UTF8Encoding(false).GetBytes(content));

    /// <summary>Returns the model's bytes with the entry <paramref name="name"/> set to <paramref name="content"/>, replacing any earlier one.</summary>
    public static byte[] SetEntry(byte[] model, string name, byte[] content)
    {
        using var stream = new MemoryStream();
        stream.Write(model);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry(name)?.Delete();
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            // A fixed time stamp keeps the file's bytes the same for the same model.
            entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var writer = entry.Open();
            writer.Write(content);
        }

        return stream.ToArray();
    }

    /// <summary>The bytes of each of <paramref name="names"/> present in the model, read from <paramref name="model"/>'s current position.</summary>
    public static Dictionary<string, byte[]> ReadEntries(Stream model, params string[] names)
    {
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var zip = new ZipArchive(model, ZipArchiveMode.Read, leaveOpen: true);
        foreach (var name in names)
        {
            if (zip.GetEntry(name) is { } entry)
            {
                using var copy = new MemoryStream();
                using (var entryStream = entry.Open())
                {
                    entryStream.CopyTo(copy);
                }

                found[name] = copy.ToArray();
            }
        }

        return found;
    }
}
