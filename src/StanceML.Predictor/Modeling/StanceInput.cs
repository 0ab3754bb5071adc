using Microsoft.ML.Data;

namespace StanceML.Modeling;

/// <summary>One row the ML.NET pipeline reads: the same shape in training and scoring.</summary>
internal sealed class StanceInput
{
    /// <summary>The sentence after <see cref="FeatureText.Normalize"/>.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>Article cues as space-separated tokens (see <see cref="ArticleContext"/>); empty without an article.</summary>
    public string Context { get; set; } = string.Empty;

    /// <summary>Gold label name in training; empty when scoring.</summary>
    public string Label { get; set; } = string.Empty;

    /// <summary>Example weight in training (class balance); 1 when scoring.</summary>
    public float Weight { get; set; } = 1f;

    /// <summary>The sentence as written, for the embedding featurizer (not a model feature itself).</summary>
    public string Raw { get; set; } = string.Empty;

    /// <summary>
    /// Who the article reader found speaking: "proposer", "other", "source" or "none"; empty
    /// without an article. Read by <see cref="EncoderInputs.Text"/> (not a model feature itself).
    /// </summary>
    public string Speaker { get; set; } = string.Empty;

    /// <summary>MiniLM sentence embedding; all zeros for models that do not use embeddings.</summary>
    [VectorType(Embeddings.MiniLmEmbedder.Dimensions)]
    public float[] Embedding { get; set; } = NoEmbedding;

    /// <summary>True once an embedding has been set (by the scorer, or shared from the sentence an explanation varies).</summary>
    internal bool HasEmbedding => !ReferenceEquals(Embedding, NoEmbedding);

    // Shared and never written to: ML.NET only reads input vectors.
    private static readonly float[] NoEmbedding = new float[Embeddings.MiniLmEmbedder.Dimensions];
}

/// <summary>The columns read back from a scored row.</summary>
internal sealed class StanceOutput
{
    /// <summary>Per-label probabilities, in the order of the model's label slot names.</summary>
    [ColumnName("Score")]
    public float[] Score { get; set; } = [];
}
