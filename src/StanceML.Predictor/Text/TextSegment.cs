namespace StanceML.Text;

/// <summary>What a <see cref="TextSegment"/> is to the story.</summary>
public enum SegmentKind
{
    /// <summary>A sentence of the article (a headline or a line without final punctuation counts as one).</summary>
    Sentence,

    /// <summary>Page furniture that is not article text (video notices, credits, bylines, share prompts); never scored.</summary>
    Furniture,
}

/// <summary>
/// A span of an article found by <see cref="NewsSegmenter"/>: its text and where it lies in the input.
/// Immutable and thread-safe.
/// </summary>
public sealed class TextSegment
{
    internal TextSegment(int start, int length, string text, SegmentKind kind)
    {
        Start = start;
        Length = length;
        Text = text;
        Kind = kind;
    }

    /// <summary>Offset of the first character in the segmented text.</summary>
    public int Start { get; }

    /// <summary>Number of characters; <c>input.Substring(Start, Length) == Text</c>.</summary>
    public int Length { get; }

    /// <summary>The segment exactly as it appears in the input (it may contain line breaks).</summary>
    public string Text { get; }

    /// <summary>Whether this is a sentence of the story or page furniture to skip.</summary>
    public SegmentKind Kind { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} [{Start}+{Length}] {Text}";
}
