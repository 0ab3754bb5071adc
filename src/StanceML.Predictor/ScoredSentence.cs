namespace StanceML;

/// <summary>A sentence of an article with its position in the article and its prediction. Immutable and thread-safe.</summary>
public sealed class ScoredSentence
{
    internal ScoredSentence(string text, int start, int length, StancePrediction prediction)
    {
        Text = text;
        Start = start;
        Length = length;
        Prediction = prediction;
    }

    /// <summary>The sentence as it appears in the article.</summary>
    public string Text { get; }

    /// <summary>Offset of the sentence's first character in the article text.</summary>
    public int Start { get; }

    /// <summary>Length of the sentence in characters: <c>article.Substring(Start, Length) == Text</c>.</summary>
    public int Length { get; }

    /// <summary>The label the model gives the sentence in this article.</summary>
    public StancePrediction Prediction { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Prediction} [{Start}+{Length}] {Text}";
}
