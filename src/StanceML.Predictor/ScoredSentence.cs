namespace StanceML;

/// <summary>A sentence of an article with its position in the article and its prediction. Immutable.</summary>
/// <param name="Text">The sentence as it appears in the article.</param>
/// <param name="Start">Offset of the sentence's first character in the article text.</param>
/// <param name="Length">Length of the sentence in characters.</param>
/// <param name="Prediction">The label the model gives the sentence in this article.</param>
public sealed record ScoredSentence(string Text, int Start, int Length, StancePrediction Prediction);
