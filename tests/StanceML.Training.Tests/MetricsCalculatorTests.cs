using StanceML.Training.Corpus;
using StanceML.Training.Evaluation;

namespace StanceML.Tests;

public class MetricsCalculatorTests
{
    private static (List<CorpusRow>, List<StancePrediction>) Pairs(params (StanceLabel Gold, StanceLabel Predicted, float Confidence)[] pairs)
    {
        var rows = pairs.Select((p, i) => new CorpusRow("a", i, $"s{i}", p.Gold, string.Empty, i + 2)).ToList();
        var predictions = pairs.Select(p => Prediction(p.Predicted, p.Confidence)).ToList();
        return (rows, predictions);
    }

    private static StancePrediction Prediction(StanceLabel label, float confidence)
    {
        var rest = (1 - confidence) / 2;
        var scores = StanceLabels.All.ToDictionary(l => l, l => l == label ? confidence : rest);
        return new StancePrediction(label, confidence, scores);
    }

    [Fact]
    public void Compute_HandWorkedExample()
    {
        // gold P P P R R C; predicted P P R R C C
        var (rows, predictions) = Pairs(
            (StanceLabel.Proposal, StanceLabel.Proposal, 0.9f),
            (StanceLabel.Proposal, StanceLabel.Proposal, 0.8f),
            (StanceLabel.Proposal, StanceLabel.Reaction, 0.7f),
            (StanceLabel.Reaction, StanceLabel.Reaction, 0.6f),
            (StanceLabel.Reaction, StanceLabel.Context, 0.95f),
            (StanceLabel.Context, StanceLabel.Context, 0.5f));

        var report = MetricsCalculator.Compute(rows, predictions, "m", "d", "h");

        Assert.Equal(4.0 / 6, report.Accuracy, 9);
        // proposal P=2/2 R=2/3 F1=0.8; reaction P=1/2 R=1/2 F1=0.5; context P=1/2 R=1/1 F1=2/3
        Assert.Equal(1.0, report.PerClass["proposal"].Precision, 9);
        Assert.Equal(2.0 / 3, report.PerClass["proposal"].Recall, 9);
        Assert.Equal(0.8, report.PerClass["proposal"].F1, 9);
        Assert.Equal(0.5, report.PerClass["reaction"].F1, 9);
        Assert.Equal(2.0 / 3, report.PerClass["context"].F1, 9);
        Assert.Equal((0.8 + 0.5 + 2.0 / 3) / 3, report.MacroF1, 9);
        Assert.Equal([2, 1, 0], report.ConfusionMatrix.Counts[0]);
        Assert.Equal([0, 1, 1], report.ConfusionMatrix.Counts[1]);
        Assert.Equal([0, 0, 1], report.ConfusionMatrix.Counts[2]);
        Assert.Equal(["proposal", "reaction", "context"], report.ConfusionMatrix.Labels);
        Assert.Equal(6, report.Count);
        // Errors: most confident first.
        Assert.Equal(["s4", "s2"], report.Errors.Select(e => e.Text));
    }

    [Fact]
    public void Compute_ClassNeverPredicted_HasZeroPrecisionAndCountsInMacroF1()
    {
        var (rows, predictions) = Pairs(
            (StanceLabel.Proposal, StanceLabel.Context, 0.6f),
            (StanceLabel.Context, StanceLabel.Context, 0.6f),
            (StanceLabel.Reaction, StanceLabel.Reaction, 0.6f));

        var report = MetricsCalculator.Compute(rows, predictions, "m", "d", "h");

        Assert.Equal(0, report.PerClass["proposal"].Precision);
        Assert.Equal(0, report.PerClass["proposal"].F1);
        Assert.Equal((0 + 1 + 2.0 / 3) / 3, report.MacroF1, 9);
    }

    [Fact]
    public void Compute_ClassAbsentFromData_IsLeftOutOfMacroF1()
    {
        var (rows, predictions) = Pairs(
            (StanceLabel.Proposal, StanceLabel.Proposal, 0.7f),
            (StanceLabel.Context, StanceLabel.Reaction, 0.7f),
            (StanceLabel.Context, StanceLabel.Context, 0.7f));

        var report = MetricsCalculator.Compute(rows, predictions, "m", "d", "h");

        Assert.Equal(0, report.PerClass["reaction"].Support);
        Assert.Equal(1, report.PerClass["reaction"].Predicted);
        // proposal F1 1; context P 1 R 0.5 F1 2/3; reaction absent.
        Assert.Equal((1 + 2.0 / 3) / 2, report.MacroF1, 9);
    }

    [Fact]
    public void Compute_SingleClassFile_AllRight_IsPerfect()
    {
        var (rows, predictions) = Pairs((StanceLabel.Context, StanceLabel.Context, 0.8f), (StanceLabel.Context, StanceLabel.Context, 0.8f));

        var report = MetricsCalculator.Compute(rows, predictions, "m", "d", "h");

        Assert.Equal(1, report.MacroF1);
        Assert.Equal(1, report.Accuracy);
    }

    [Fact]
    public void Compute_Calibration_MatchesHandComputedEce()
    {
        // Two predictions at 0.9 (one right), two at 0.55 (both right).
        var (rows, predictions) = Pairs(
            (StanceLabel.Proposal, StanceLabel.Proposal, 0.9f),
            (StanceLabel.Proposal, StanceLabel.Context, 0.9f),
            (StanceLabel.Context, StanceLabel.Context, 0.55f),
            (StanceLabel.Reaction, StanceLabel.Reaction, 0.55f));

        var report = MetricsCalculator.Compute(rows, predictions, "m", "d", "h");

        // ECE = 2/4*|0.5-0.9| + 2/4*|1-0.55| = 0.2 + 0.225
        Assert.Equal(0.425, report.ExpectedCalibrationError, 5);
        Assert.Equal(4, report.Calibration.Sum(b => b.Count));
    }

    [Fact]
    public void MeanStd_UsesTheSampleStandardDeviation()
    {
        var (mean, std) = MetricsCalculator.MeanStd([1, 2, 3, 4]);

        Assert.Equal(2.5, mean, 9);
        Assert.Equal(Math.Sqrt(5.0 / 3), std, 9);
    }

    private static (List<CorpusRow>, List<StancePrediction>) Articles(params (string Article, StanceLabel Gold, StanceLabel Predicted)[] rows) =>
        (rows.Select((r, i) => new CorpusRow(r.Article, i, $"s{i}", r.Gold, string.Empty, i + 2)).ToList(),
         rows.Select(r => Prediction(r.Predicted, 0.8f)).ToList());

    private static StanceLabel Next(StanceLabel label) => StanceLabels.All[(StanceLabels.All.ToList().IndexOf(label) + 1) % StanceLabels.All.Count];

    [Fact]
    public void Compute_Bootstrap_PerfectPredictions_GiveAPointInterval()
    {
        var (rows, predictions) = Articles(
            ("a", StanceLabel.Proposal, StanceLabel.Proposal), ("a", StanceLabel.Context, StanceLabel.Context),
            ("b", StanceLabel.Reaction, StanceLabel.Reaction), ("b", StanceLabel.Context, StanceLabel.Context));

        var report = MetricsCalculator.Compute(rows, predictions, "m", "d", "h");

        Assert.Equal(new Interval(1, 1, MetricsCalculator.BootstrapResamples), report.MacroF1Interval);
    }

    [Fact]
    public void Compute_Bootstrap_ResamplesWholeArticles()
    {
        // Article "good" is all right and "bad" all wrong. Resampling articles draws "bad" twice a
        // quarter of the time (macro-F1 0) and "good" twice a quarter of the time (macro-F1 1);
        // resampling the 60 sentences one by one would give a narrow interval around 0.5.
        var labels = StanceLabels.All;
        var rows = Enumerable.Range(0, 30).Select(i => ("good", labels[i % 3], labels[i % 3]))
            .Concat(Enumerable.Range(0, 30).Select(i => ("bad", labels[i % 3], Next(labels[i % 3]))))
            .ToArray();
        var (gold, predicted) = Articles(rows);

        var report = MetricsCalculator.Compute(gold, predicted, "m", "d", "h");

        Assert.Equal(0.5, report.Accuracy, 9);
        Assert.Equal(0, report.MacroF1Interval.Lower, 9);
        Assert.Equal(1, report.MacroF1Interval.Upper, 9);
    }

    [Fact]
    public void Compute_Bootstrap_IsRepeatableAndBracketsTheEstimate()
    {
        var labels = StanceLabels.All;
        var rows = Enumerable.Range(0, 240)
            .Select(i => ($"a{i / 12}", labels[i % 3], i % 5 == 0 ? Next(labels[i % 3]) : labels[i % 3]))
            .ToArray();
        var (gold, predicted) = Articles(rows);

        var first = MetricsCalculator.Compute(gold, predicted, "m", "d", "h");
        var second = MetricsCalculator.Compute(gold, predicted, "m", "d", "h");

        Assert.Equal(first.MacroF1Interval, second.MacroF1Interval);
        Assert.InRange(first.MacroF1, first.MacroF1Interval.Lower, first.MacroF1Interval.Upper);
        Assert.True(first.MacroF1Interval.Upper - first.MacroF1Interval.Lower is > 0.01 and < 0.3);
    }

    [Fact]
    public void Compute_PerArticle_WorstFirstWithCounts()
    {
        var (rows, predictions) = Articles(
            ("a", StanceLabel.Proposal, StanceLabel.Proposal), ("a", StanceLabel.Context, StanceLabel.Reaction),
            ("b", StanceLabel.Reaction, StanceLabel.Reaction),
            ("c", StanceLabel.Context, StanceLabel.Proposal), ("c", StanceLabel.Context, StanceLabel.Reaction), ("c", StanceLabel.Context, StanceLabel.Context));

        var report = MetricsCalculator.Compute(rows, predictions, "m", "d", "h");

        Assert.Equal(
            [new ArticleScore("c", 3, 1, 1.0 / 3), new ArticleScore("a", 2, 1, 0.5), new ArticleScore("b", 1, 1, 1)],
            report.PerArticle);
        Assert.Equal(3, report.Articles);
        Assert.Equal(3, report.ErrorCount);
    }

    [Fact]
    public void Compute_WithoutArticleIds_HasNoArticlesAndResamplesSentences()
    {
        var (rows, predictions) = Pairs((StanceLabel.Context, StanceLabel.Context, 0.8f), (StanceLabel.Proposal, StanceLabel.Context, 0.8f));
        rows = rows.Select(r => r with { ArticleId = string.Empty }).ToList();

        var report = MetricsCalculator.Compute(rows, predictions, "m", "d", "h");

        Assert.Equal(0, report.Articles);
        Assert.Empty(report.PerArticle);
        Assert.True(report.MacroF1Interval.Lower < report.MacroF1Interval.Upper);
    }

    [Fact]
    public void Compute_ErrorCount_CountsEveryErrorWhenFewerAreListed()
    {
        var (rows, predictions) = Pairs(
            (StanceLabel.Proposal, StanceLabel.Context, 0.6f),
            (StanceLabel.Reaction, StanceLabel.Context, 0.9f),
            (StanceLabel.Context, StanceLabel.Proposal, 0.7f));

        var report = MetricsCalculator.Compute(rows, predictions, "m", "d", "h", maxErrors: 2);

        Assert.Equal(3, report.ErrorCount);
        Assert.Equal(["s1", "s2"], report.Errors.Select(e => e.Text));
    }

    [Fact]
    public void McNemar_HandWorkedExample()
    {
        var test = MetricsCalculator.McNemar(10, 2);

        // chi² = (|10 - 2| - 1)² / 12; p = 2 P(X <= 2), X ~ Bin(12, 1/2) = 2 (1 + 12 + 66) / 4096.
        Assert.Equal(49.0 / 12, test.ChiSquared, 9);
        Assert.Equal(158.0 / 4096, test.PValue, 12);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 5)]
    [InlineData(3, 4)]
    public void McNemar_NoDifference_HasPValueOne(int b, int c)
    {
        Assert.Equal(1, MetricsCalculator.McNemar(b, c).PValue, 9);
    }

    [Fact]
    public void McNemar_LargeCounts_StayFinite()
    {
        var test = MetricsCalculator.McNemar(600, 400);

        Assert.Equal(199.0 * 199 / 1000, test.ChiSquared, 9);
        Assert.InRange(test.PValue, 1e-12, 1e-8);
        Assert.Equal(test.PValue, MetricsCalculator.McNemar(400, 600).PValue, 15);
    }

    [Fact]
    public void Compare_CountsPairsAndOrdersDisagreements()
    {
        // gold         P  R  C  C  R
        // evaluated    P  C  C  R  R   (3 right)
        // other        R  R  C  P  C   (2 right)
        var (rows, predictions) = Pairs(
            (StanceLabel.Proposal, StanceLabel.Proposal, 0.6f),
            (StanceLabel.Reaction, StanceLabel.Context, 0.9f),
            (StanceLabel.Context, StanceLabel.Context, 0.7f),
            (StanceLabel.Context, StanceLabel.Reaction, 0.8f),
            (StanceLabel.Reaction, StanceLabel.Reaction, 0.5f));
        var other = new[] { StanceLabel.Reaction, StanceLabel.Reaction, StanceLabel.Context, StanceLabel.Proposal, StanceLabel.Context }
            .Select(l => Prediction(l, 0.7f)).ToList();
        var mine = MetricsCalculator.Compute(rows, predictions, "m", "d", "h");
        var theirs = MetricsCalculator.Compute(rows, other, "o", "d", "h");

        var comparison = MetricsCalculator.Compare(mine, theirs, rows, predictions, other);

        Assert.Equal(2, comparison.McNemar.OnlyBaseRight);
        Assert.Equal(1, comparison.McNemar.OnlyOtherRight);
        Assert.Equal(1, comparison.McNemar.BothRight);
        Assert.Equal(1, comparison.McNemar.BothWrong);
        Assert.Equal(4, comparison.DisagreementCount);
        // Where exactly one is right first (s1, s0, s4 by confidence), then both wrong (s3).
        Assert.Equal(["s1", "s0", "s4", "s3"], comparison.Disagreements.Select(d => d.Text));
        Assert.Equal(mine.MacroF1 - theirs.MacroF1, comparison.Deltas["macroF1"], 12);
        Assert.Equal(0.2, comparison.Deltas["accuracy"], 9);
        Assert.Equal(mine.PerClass["reaction"].F1 - theirs.PerClass["reaction"].F1, comparison.Deltas["f1.reaction"], 12);
        Assert.Empty(comparison.Other.Errors);
    }
}
