namespace StanceML;

/// <summary>
/// Why a sentence got its label: the prediction, the words and phrases that pushed it there, and
/// the article cues that fired. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Effects are measured by occlusion: a word, phrase or cue is taken away, the sentence is scored
/// again, and the fall in the predicted label's probability is its effect. A word's effect is
/// measured with the cues held fixed, and a cue's with the words held fixed, so each shows its own
/// part. For a model with sentence embeddings the embedding of the whole sentence is held fixed too,
/// so word effects are those of the words and phrases themselves, and <see cref="Meaning"/> gives
/// the embedding's own effect. This works for every learner StanceML trains (ML.NET gives no per-prediction
/// contributions for multiclass models).
/// </remarks>
public sealed class StanceExplanation
{
    internal StanceExplanation(StancePrediction prediction, IReadOnlyList<StanceDriver> words, IReadOnlyList<StanceDriver> cues, IReadOnlyList<StanceNeighbour> neighbours, StanceDriver? meaning = null)
    {
        Prediction = prediction;
        Meaning = meaning;
        Words = words;
        ArticleCues = cues;
        Neighbours = neighbours;
    }

    /// <summary>The prediction explained, the same one the scoring methods return.</summary>
    public StancePrediction Prediction { get; }

    /// <summary>The words and two-word phrases of the sentence that most raised the predicted label's probability, strongest first.</summary>
    public IReadOnlyList<StanceDriver> Words { get; }

    /// <summary>
    /// Every cue that fired for the sentence (position, speaker, quotes, modality…), with its effect,
    /// strongest first; for a sentence scored without its article, only the sentence's own cues.
    /// </summary>
    public IReadOnlyList<StanceDriver> ArticleCues { get; }

    /// <summary>
    /// For a model with sentence embeddings, the effect of the sentence's embedding as a whole (its
    /// meaning as the encoder reads it), measured by taking the embedding away with the words and
    /// cues held fixed; null for a model without embeddings. A prediction whose words and cues show
    /// little effect was driven by this.
    /// </summary>
    public StanceDriver? Meaning { get; }

    /// <summary>
    /// The labelled training sentences most like this one (cosine of TF-IDF word 1–2-grams), most
    /// similar first; empty for a model file that carries no training sentences.
    /// </summary>
    public IReadOnlyList<StanceNeighbour> Neighbours { get; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Prediction}: {string.Join(", ", Words.Select(w => w.ToString()))}; {string.Join(", ", ArticleCues.Where(c => c.Effect > 0).Append(Meaning).OfType<StanceDriver>().Select(c => c.ToString()))}";
}

/// <summary>One thing that moved a prediction: a word or phrase of the sentence, or an article cue.</summary>
public sealed class StanceDriver
{
    internal StanceDriver(string feature, string description, float effect)
    {
        Feature = feature;
        Description = description;
        Effect = effect;
    }

    /// <summary>The word or phrase as written, or the cue's token (for example <c>spk_proposer</c>).</summary>
    public string Feature { get; }

    /// <summary>What the feature means, in words (for example "speaker is the proposer (Dmitriev)").</summary>
    public string Description { get; }

    /// <summary>
    /// How much the predicted label's probability falls when the feature is taken away; negative
    /// when the feature argued against the prediction.
    /// </summary>
    public float Effect { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Description} ({Effect:+0.000;-0.000})";
}

/// <summary>A labelled sentence the model was trained on, and how like the explained sentence it is.</summary>
public sealed class StanceNeighbour
{
    internal StanceNeighbour(string text, StanceLabel label, string articleId, float similarity)
    {
        Text = text;
        Label = label;
        ArticleId = articleId;
        Similarity = similarity;
    }

    /// <summary>The training sentence.</summary>
    public string Text { get; }

    /// <summary>Its gold label.</summary>
    public StanceLabel Label { get; }

    /// <summary>The corpus article it comes from.</summary>
    public string ArticleId { get; }

    /// <summary>Cosine similarity to the explained sentence, in (0, 1].</summary>
    public float Similarity { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Label.ToName()} ({Similarity:0.00}): {Text}";
}
