using System.Text.Json.Serialization;

namespace StanceML.Training.Evaluation;

/// <summary>Precision, recall, F1 and support of one label.</summary>
internal sealed record ClassMetrics(double Precision, double Recall, double F1, int Support, int Predicted);

/// <summary>Counts of gold (rows) against predicted (columns) labels, in <see cref="Labels"/> order.</summary>
internal sealed record ConfusionMatrix(IReadOnlyList<string> Labels, IReadOnlyList<IReadOnlyList<int>> Counts);

/// <summary>One sentence the model got wrong.</summary>
internal sealed record ErrorExample(string ArticleId, int SentenceIndex, string Text, string Gold, string Predicted, double Confidence);

/// <summary>One bin of the reliability diagram: predictions whose confidence falls in [Lower, Upper).</summary>
internal sealed record CalibrationBin(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy);

/// <summary>Mean and standard deviation of a metric over cross-validation folds.</summary>
internal sealed record FoldSummary(int Folds, double MacroF1Mean, double MacroF1Std, double AccuracyMean, double AccuracyStd, IReadOnlyList<double> MacroF1PerFold);

/// <summary>
/// Everything an evaluation measured. The JSON and Markdown reports are both written from one
/// instance, so their numbers always agree.
/// </summary>
internal sealed record EvaluationReport
{
    public required string Model { get; init; }

    public required string Data { get; init; }

    public required string DataSha256 { get; init; }

    public required int Count { get; init; }

    public required int Articles { get; init; }

    public required double Accuracy { get; init; }

    [JsonPropertyName("macroF1")]
    public required double MacroF1 { get; init; }

    public required IReadOnlyDictionary<string, ClassMetrics> PerClass { get; init; }

    public required ConfusionMatrix ConfusionMatrix { get; init; }

    /// <summary>Expected calibration error over <see cref="Calibration"/> bins.</summary>
    public required double ExpectedCalibrationError { get; init; }

    public required IReadOnlyList<CalibrationBin> Calibration { get; init; }

    /// <summary>Present for cross-validation: the spread over folds.</summary>
    public FoldSummary? CrossValidation { get; init; }

    /// <summary>The wrong predictions, most confident first.</summary>
    public required IReadOnlyList<ErrorExample> Errors { get; init; }
}
