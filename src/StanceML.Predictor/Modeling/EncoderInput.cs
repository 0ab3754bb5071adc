using System.Text;

namespace StanceML.Modeling;

/// <summary>What the sentence encoder reads of a row: the sentence alone, or the sentence behind a tag naming who speaks.</summary>
internal enum EncoderInput
{
    /// <summary>The sentence as written (every model before the tag existed).</summary>
    Sentence,

    /// <summary>
    /// The sentence behind a short tag from the article reader, "proposer speaking:", "other party
    /// speaking:", "source speaking:" or "reporter:". A tuned encoder then reads the same words
    /// differently from the proposer and from a critic, which a linear learner over the embedding
    /// and a speaker cue cannot. Sentences scored without their article get no tag.
    /// </summary>
    Speaker,
}

/// <summary>Reads and writes a model's <see cref="EncoderInput"/> and builds the text the encoder reads. Stateless.</summary>
internal static class EncoderInputs
{
    /// <summary>The zip entry naming the model's encoder input; a model without it reads sentences.</summary>
    public const string EntryName = "StanceML/encoder-input.txt";

    /// <summary>The text the encoder reads for <paramref name="row"/>.</summary>
    public static string Text(StanceInput row, EncoderInput input)
    {
        ArgumentNullException.ThrowIfNull(row);
        return input == EncoderInput.Speaker && Tag(row.Speaker) is { } tag ? tag + " " + row.Raw : row.Raw;
    }

    /// <summary>The tag for a speaker kind of <see cref="StanceInput.Speaker"/>; null without an article.</summary>
    internal static string? Tag(string speaker) => speaker switch
    {
        "proposer" => "proposer speaking:",
        "other" => "other party speaking:",
        "source" => "source speaking:",
        "none" => "reporter:",
        _ => null,
    };

    /// <summary>The entry's content.</summary>
    public static byte[] ToEntry(EncoderInput input) => Encoding.UTF8.GetBytes(input.ToString().ToLowerInvariant() + "\n");

    /// <summary>The input named by the model's entries (<see cref="EntryName"/> among them, or not: <see cref="EncoderInput.Sentence"/>).</summary>
    /// <exception cref="InvalidDataException">The entry names no input this version knows.</exception>
    public static EncoderInput FromEntries(IReadOnlyDictionary<string, byte[]> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.TryGetValue(EntryName, out var entry) ? Parse(entry) : EncoderInput.Sentence;
    }

    /// <summary>Reads the entry's bytes.</summary>
    /// <exception cref="InvalidDataException">The entry names no input this version knows.</exception>
    public static EncoderInput Parse(byte[] entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var name = Encoding.UTF8.GetString(entry).Trim();
        return Enum.TryParse<EncoderInput>(name, ignoreCase: true, out var input) && Enum.IsDefined(input) && !int.TryParse(name, out _)
            ? input
            : throw new InvalidDataException($"the model's {EntryName} names an unknown encoder input '{name}'; it needs a newer StanceML, or retrain it.");
    }
}
