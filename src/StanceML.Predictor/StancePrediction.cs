namespace StanceML;

/// <summary>A model's answer for one sentence. Immutable and thread-safe.</summary>
public sealed class StancePrediction
{
    internal StancePrediction(StanceLabel label, float confidence, IReadOnlyDictionary<StanceLabel, float> scores)
    {
        Label = label;
        Confidence = confidence;
        Scores = scores;
    }

    /// <summary>The most probable label.</summary>
    public StanceLabel Label { get; }

    /// <summary>The model's probability of <see cref="Label"/>, in (0, 1].</summary>
    public float Confidence { get; }

    /// <summary>The probability of every label of the model; the values sum to about 1.</summary>
    public IReadOnlyDictionary<StanceLabel, float> Scores { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Label.ToName()} ({Confidence:0.000})";
}
