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
}
