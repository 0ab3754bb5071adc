using System.CommandLine;
using StanceML.Modeling;
using StanceML.Training.Corpus;
using StanceML.Training.Evaluation;

namespace StanceML.Training.Cli;

/// <summary><c>stanceml calibrate</c>: fit a temperature on labelled data and write the model with it.</summary>
internal static class CalibrateCommand
{
    public static Command Create(CommandContext context)
    {
        var model = new Option<string>("--model") { Description = "Model .zip to calibrate.", DefaultValueFactory = _ => "models/stance.zip" };
        var data = new Option<string>("--data") { Description = "Labelled CSV the model was NOT trained on (article_id and sentence_index score articles together).", Required = true };
        var splitPart = SplitPartBinder.Create();
        var output = new Option<string>("--output") { Description = "Where to write the calibrated model (atomically); may be --model itself.", Required = true };

        var command = new Command("calibrate", "Fit a temperature that makes the model's confidences honest on held-out labelled data; labels never change.")
        {
            model, data, output,
        };
        splitPart.AddTo(command);
        command.SetAction((parse, ct) => context.RunAsync(parse, async token =>
        {
            var progress = context.Progress();
            var modelPath = parse.GetValue(model)!;
            var corpus = await splitPart.ApplyAsync(parse, await CorpusReader.ReadAsync(parse.GetValue(data)!, token), token);

            var bytes = await File.ReadAllBytesAsync(modelPath, token);
            using var predictor = StancePredictor.Load(new MemoryStream(bytes));
            progress.Report($"scoring {corpus.Rows.Count} sentences with {modelPath}");
            var (rows, predictions) = ModelEvaluator.Score(predictor, corpus.Rows, corpus.HasArticles, token);
            var relative = TemperatureFit.Fit(rows, predictions);
            var before = MetricsCalculator.Compute(rows, predictions, modelPath, corpus.Path, corpus.Sha256);
            var after = MetricsCalculator.Compute(rows, TemperatureFit.Apply(predictions, relative), modelPath, corpus.Path, corpus.Sha256);

            // The model's probabilities may already carry a temperature; the new one composes with it.
            using var existing = new MemoryStream(bytes);
            var previous = ModelFile.ReadEntries(existing, Calibration.EntryName).TryGetValue(Calibration.EntryName, out var entry) ? Calibration.Parse(entry) : Calibration.None;
            var calibration = new Calibration(previous.Temperature * relative);
            var outputPath = parse.GetValue(output)!;
            await AtomicFile.WriteAllBytesAsync(outputPath, ModelFile.SetEntry(bytes, Calibration.EntryName, calibration.ToJson()), token);
            await WriteCardAsync(modelPath, outputPath, calibration, corpus, parse, token);
            await context.Console.Out.WriteLineAsync(FormattableString.Invariant(
                $"temperature {calibration.Temperature:0.000} (was {previous.Temperature:0.000}); on {rows.Count} sentences: ECE {before.ExpectedCalibrationError:0.000} -> {after.ExpectedCalibrationError:0.000}, macro-F1 {after.MacroF1:0.000} (unchanged)"));
        }, ct));
        return command;
    }

    // The model card beside the input model, if any, goes beside the output with the calibration recorded.
    private static async Task WriteCardAsync(string modelPath, string outputPath, Calibration calibration, CorpusFile corpus, ParseResult parse, CancellationToken token)
    {
        var cardPath = Path.ChangeExtension(modelPath, ".json");
        if (!File.Exists(cardPath))
        {
            return;
        }

        var card = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(cardPath, token))!.AsObject();
        card["calibration"] = new System.Text.Json.Nodes.JsonObject
        {
            ["temperature"] = Math.Round(calibration.Temperature, 6),
            ["data"] = corpus.Path,
            ["sha256"] = corpus.Sha256,
            ["command"] = "stanceml " + string.Join(' ', parse.Tokens.Select(t => t.Value)),
        };
        await AtomicFile.WriteAllTextAsync(Path.ChangeExtension(outputPath, ".json"), card.ToJsonString(ReportWriter.Json) + "\n", token);
    }
}
