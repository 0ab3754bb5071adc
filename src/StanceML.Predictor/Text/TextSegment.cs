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
/// <param name="Start">Offset of the first character in the segmented text.</param>
/// <param name="Length">Number of characters; <c>input.Substring(Start, Length) == Text</c>.</param>
/// <param name="Text">The segment exactly as it appears in the input (it may contain line breaks).</param>
/// <param name="Kind">Whether this is a sentence of the story or page furniture to skip.</param>
public sealed record TextSegment(int Start, int Length, string Text, SegmentKind Kind);
