using System.Text.Json.Serialization;

namespace StanceML.Training.Evaluation;

/// <summary>Precision, recall, F1 and support of one label.</summary>
internal sealed record ClassMetrics(double Precision, double Recall, double F1, int Support, int Predicted);

/// <summary>Counts of gold (rows) against predicted (columns) labels, in <see cref="Labels"/> order.</summary>
internal sealed record ConfusionMatrix(IReadOnlyList<string> Labels, IReadOnlyList<IReadOnlyList<int>> Counts);

/// <summary>What moved a prediction: a word or phrase of the sentence, or an article cue, and how much.</summary>
/// <param name="Feature">The word, phrase or article cue.</param>
/// <param name="Effect">How much the predicted label's probability falls when the feature is taken away.</param>
internal sealed record Driver(string Feature, double Effect);

/// <summary>One sentence the model got wrong.</summary>
internal sealed record ErrorExample(string ArticleId, int SentenceIndex, string Text, string Gold, string Predicted, double Confidence)
{
    /// <summary>The words and phrases behind the mistake, strongest first; empty when not computed.</summary>
    public IReadOnlyList<Driver> Terms { get; init; } = [];

    /// <summary>The article cues behind the mistake, strongest first; empty when not computed.</summary>
    public IReadOnlyList<Driver> Cues { get; init; } = [];

    /// <summary>The effect of the sentence's embedding as a whole; null for a model without embeddings or when not computed.</summary>
    public Driver? Meaning { get; init; }

    /// <summary>The most similar training sentences and their gold labels; empty when the model carries none.</summary>
    public IReadOnlyList<Neighbour> Neighbours { get; init; } = [];
}

/// <summary>A training sentence like the one explained.</summary>
internal sealed record Neighbour(string Text, string Label, string ArticleId, double Similarity);

/// <summary>One bin of the reliability diagram: predictions whose confidence falls in [Lower, Upper).</summary>
internal sealed record CalibrationBin(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy);

/// <summary>A 95% interval from the bootstrap, resampling whole articles.</summary>
internal sealed record Interval(double Lower, double Upper, int Resamples);

/// <summary>How one article fared.</summary>
internal sealed record ArticleScore(string ArticleId, int Sentences, int Correct, double Accuracy);

/// <summary>Mean and sample standard deviation of a metric.</summary>
internal sealed record Spread(double Mean, double Std);

/// <summary>The spread of the metrics over cross-validation folds.</summary>
internal sealed record FoldSummary(int Folds, double MacroF1Mean, double MacroF1Std, double AccuracyMean, double AccuracyStd, IReadOnlyList<double> MacroF1PerFold)
{
    /// <summary>F1 of each label over the folds.</summary>
    public IReadOnlyDictionary<string, Spread> PerClassF1 { get; init; } = new Dictionary<string, Spread>();
}

/// <summary>Where a file came from: its path, content hash and last write time (UTC).</summary>
internal sealed record FileIdentity(string Path, string Sha256, DateTime? Modified);

/// <summary>McNemar's test on paired predictions: do two models err on the same sentences?</summary>
/// <param name="OnlyBaseRight">Sentences the evaluated model gets right and the other wrong.</param>
/// <param name="OnlyOtherRight">Sentences the other model gets right and the evaluated one wrong.</param>
/// <param name="ChiSquared">(|b − c| − 1)² / (b + c), with the continuity correction.</param>
/// <param name="PValue">Two-sided exact binomial p-value of b against c.</param>
internal sealed record McNemarTest(int OnlyBaseRight, int OnlyOtherRight, int BothRight, int BothWrong, double ChiSquared, double PValue);

/// <summary>A sentence two models label differently.</summary>
internal sealed record Disagreement(string ArticleId, int SentenceIndex, string Text, string Gold, string Predicted, double Confidence, string OtherPredicted, double OtherConfidence);

/// <summary>The evaluated model beside another on the same rows.</summary>
internal sealed record ModelComparison
{
    /// <summary>The other model's report (its errors left out: they are in its own report).</summary>
    public required EvaluationReport Other { get; init; }

    /// <summary>Evaluated minus other, per metric: accuracy, macroF1, and each label's F1 as <c>f1.LABEL</c>.</summary>
    public required IReadOnlyDictionary<string, double> Deltas { get; init; }

    public required McNemarTest McNemar { get; init; }

    /// <summary>The sentences where the two disagree, where exactly one is right first.</summary>
    public required int DisagreementCount { get; init; }

    public required IReadOnlyList<Disagreement> Disagreements { get; init; }
}

/// <summary>
/// Everything an evaluation measured. The JSON, Markdown and HTML reports are all written from
/// one instance, so their numbers always agree.
/// </summary>
internal sealed record EvaluationReport
{
    /// <summary>The model evaluated (for cross-validation, a description of the folds).</summary>
    public required string Model { get; init; }

    public required string Data { get; init; }

    public required string DataSha256 { get; init; }

    /// <summary>The model file's identity; null for cross-validation, which trains its own models.</summary>
    public FileIdentity? ModelFile { get; init; }

    /// <summary>The data file's identity; null for stdin.</summary>
    public FileIdentity? DataFile { get; init; }

    /// <summary>When the report was computed (UTC); null when not stamped.</summary>
    public DateTime? Generated { get; init; }

    /// <summary>How the rows were scored: "article" (each article together) or "sentence" (one by one).</summary>
    public string Scoring { get; init; } = "article";

    public required int Count { get; init; }

    public required int Articles { get; init; }

    public required double Accuracy { get; init; }

    [JsonPropertyName("macroF1")]
    public required double MacroF1 { get; init; }

    /// <summary>95% bootstrap interval of macro-F1, resampling articles.</summary>
    [JsonPropertyName("macroF1Interval")]
    public required Interval MacroF1Interval { get; init; }

    public required IReadOnlyDictionary<string, ClassMetrics> PerClass { get; init; }

    public required ConfusionMatrix ConfusionMatrix { get; init; }

    /// <summary>Expected calibration error over <see cref="Calibration"/> bins.</summary>
    public required double ExpectedCalibrationError { get; init; }

    public required IReadOnlyList<CalibrationBin> Calibration { get; init; }

    /// <summary>Accuracy of each article, worst first.</summary>
    public required IReadOnlyList<ArticleScore> PerArticle { get; init; }

    /// <summary>Present for cross-validation: the spread over folds.</summary>
    public FoldSummary? CrossValidation { get; init; }

    /// <summary>Present with <c>--compare</c>: another model on the same rows.</summary>
    public ModelComparison? Comparison { get; init; }

    /// <summary>How many predictions were wrong in all (<see cref="Errors"/> may list fewer).</summary>
    public required int ErrorCount { get; init; }

    /// <summary>The wrong predictions, most confident first.</summary>
    public required IReadOnlyList<ErrorExample> Errors { get; init; }
}
