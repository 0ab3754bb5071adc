using System.Text.Json;
using StanceML.Training.Corpus;
using StanceML.Training.Evaluation;

namespace StanceML.Tests;

public class TemperatureFitTests
{
    [Fact]
    public void Fit_OverconfidentPredictions_RecoversTheTemperature()
    {
        // True probabilities q; labels drawn from q; the model reports q^3 renormalised (over-confident), so T ≈ 3.
        var random = new Random(7);
        var labels = StanceLabels.All;
        var rows = new List<CorpusRow>();
        var predictions = new List<StancePrediction>();
        for (var i = 0; i < 4000; i++)
        {
            var raw = labels.Select(_ => 0.2 + random.NextDouble()).ToArray();
            var q = raw.Select(r => r / raw.Sum()).ToArray();
            var u = random.NextDouble();
            var gold = q[0] > u ? 0 : q[0] + q[1] > u ? 1 : 2;
            var cubed = q.Select(x => x * x * x).ToArray();
            var reported = labels.Select((l, k) => (l, p: (float)(cubed[k] / cubed.Sum()))).ToDictionary(x => x.l, x => x.p);
            var best = reported.MaxBy(kv => kv.Value);
            rows.Add(new CorpusRow("a", i, "s", labels[gold], string.Empty, i + 2));
            predictions.Add(new StancePrediction(best.Key, best.Value, reported));
        }

        var temperature = TemperatureFit.Fit(rows, predictions);

        Assert.InRange(temperature, 2.7, 3.3);
        var before = MetricsCalculator.Compute(rows, predictions, "m", "d", "h").ExpectedCalibrationError;
        var after = MetricsCalculator.Compute(rows, TemperatureFit.Apply(predictions, temperature), "m", "d", "h").ExpectedCalibrationError;
        Assert.True(after < before / 3, $"ECE {before:0.000} -> {after:0.000}");
    }

    [Fact]
    public async Task Calibrate_WritesAModelWhoseLabelsAreUnchanged_AndComposesTemperatures()
    {
        var dir = CliRunner.TempDir();
        var model = Path.Combine(dir, "m.zip");
        File.Copy(TestPaths.Repo("models", "stance-fast.zip"), model);
        File.Copy(TestPaths.Repo("models", "stance-fast.json"), Path.ChangeExtension(model, ".json"));
        var output = Path.Combine(dir, "calibrated.zip");
        var data = TestPaths.Repo("data", "heldout-round3.csv");

        var (exit, stdout, err) = await CliRunner.RunAsync(["calibrate", "--model", model, "--data", data, "--output", output]);
        var (again, stdout2, _) = await CliRunner.RunAsync(["calibrate", "--model", output, "--data", data, "--output", output]);

        Assert.True(exit == 0, err);
        Assert.Equal(0, again);
        Assert.Matches(@"^temperature \d+\.\d{3} \(was \d+\.\d{3}\); on 1053 sentences: ECE", stdout);
        using var card = JsonDocument.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(output, ".json")));
        var first = card.RootElement.GetProperty("calibration").GetProperty("temperature").GetDouble();
        // Calibrating a calibrated model again leaves the temperature where it was.
        Assert.Contains(FormattableString.Invariant($"(was {first:0.000})"), stdout2);
        using var before = StancePredictor.Load(model);
        using var after = StancePredictor.Load(output);
        const string sentence = "Critics said the levy would hit the poorest drivers hardest.";
        Assert.Equal(before.Predict(sentence).Label, after.Predict(sentence).Label);
    }

    [Fact]
    public async Task Calibrate_WithoutOutput_IsAUsageError()
    {
        var (exit, _, err) = await CliRunner.RunAsync(["calibrate", "--data", TestPaths.Repo("data", "heldout-round3.csv")]);

        Assert.Equal(2, exit);
        Assert.Contains("--output", err);
    }
}
