using System.Text;

namespace StanceML.Embeddings;

/// <summary>
/// The weights a fine-tuned encoder changed, by parameter name, stored in the model file beside
/// the classifier. <see cref="MiniLmEmbedder.Create(EncoderWeights?)"/> writes them over the
/// packaged all-MiniLM-L6-v2 weights (see <see cref="OnnxWeights"/>); the rest stay as shipped.
/// Immutable once made.
/// </summary>
internal sealed class EncoderWeights
{
    /// <summary>The zip entry holding the weights.</summary>
    public const string EntryName = "StanceML/encoder-weights.bin";

    private const string Magic = "StanceML encoder weights v1";

    public EncoderWeights(IReadOnlyDictionary<string, float[]> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
    }

    /// <summary>The tuned values, in the original network's layout (see <see cref="OnnxWeights.Values"/>).</summary>
    public IReadOnlyDictionary<string, float[]> Values { get; }

    /// <summary>The number of floats stored.</summary>
    public long Count => Values.Values.Sum(v => (long)v.Length);

    /// <summary>Reads the entry's bytes.</summary>
    /// <exception cref="InvalidDataException">The entry is not a weights file of this version.</exception>
    public static EncoderWeights Parse(byte[] entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(entry), Encoding.UTF8);
            if (reader.ReadString() != Magic)
            {
                throw new InvalidDataException($"the model's {EntryName} is not a weights file of this StanceML version; retrain the model.");
            }

            var count = reader.ReadInt32();
            var values = new Dictionary<string, float[]>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadString();
                var length = reader.ReadInt32();
                var bytes = reader.ReadBytes(checked(length * sizeof(float)));
                if (bytes.Length != length * sizeof(float))
                {
                    throw new EndOfStreamException();
                }

                var value = new float[length];
                Buffer.BlockCopy(bytes, 0, value, 0, bytes.Length);
                values[name] = value;
            }

            return new EncoderWeights(values);
        }
        catch (Exception e) when (e is EndOfStreamException or OverflowException)
        {
            throw new InvalidDataException($"the model's {EntryName} is cut short; retrain the model.", e);
        }
    }

    /// <summary>The entry's bytes; the same weights give the same bytes.</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Values.Count);
            foreach (var (name, value) in Values.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                writer.Write(name);
                writer.Write(value.Length);
                var bytes = new byte[value.Length * sizeof(float)];
                Buffer.BlockCopy(value, 0, bytes, 0, bytes.Length);
                writer.Write(bytes);
            }
        }

        return stream.ToArray();
    }
}
