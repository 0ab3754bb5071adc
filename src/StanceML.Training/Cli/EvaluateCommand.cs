using System.CommandLine;
using StanceML.Training.Corpus;
using StanceML.Training.Evaluation;

namespace StanceML.Training.Cli;

/// <summary><c>stanceml evaluate</c>: a model on labelled data, or grouped K-fold cross-validation.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CommandContext context)
    {
        var model = new Option<string>("--model") { Description = "Model .zip to evaluate (ignored with --folds, which trains fresh models).", DefaultValueFactory = _ => "models/stance.zip" };
        var data = new Option<string>("--data") { Description = "CSV with text and label columns (article_id and sentence_index score articles together), or - for stdin.", Required = true };
        var report = new Option<string?>("--report") { Description = "Directory to write report.json and report.md to." };
        var sentencesOnly = new Option<bool>("--sentences-only") { Description = "Score every row on its own (the Predict(sentence) path), even when the file has article ids." };
        var folds = new Option<int?>("--folds") { Description = "Cross-validate: K folds grouped by article_id, a fresh model per fold (K >= 2)." };
        var options = TrainingOptionsBinder.Create();

        var command = new Command("evaluate", "Measure a model on labelled data (per-class precision/recall/F1, macro-F1, confusion matrix, calibration, errors).")
        {
            model, data, report, folds, sentencesOnly,
        };
        options.AddTo(command);
        command.SetAction((parse, ct) => context.RunAsync(parse, async token =>
        {
            var progress = context.Progress();
            var k = parse.GetValue(folds);
            if (k is < 2)
            {
                throw new CliException($"--folds {k}: cross-validation needs at least 2 folds.", CliException.BadUsage);
            }

            var corpus = await CorpusReader.ReadAsync(parse.GetValue(data)!, token);
            EvaluationReport result;
            if (k is int foldCount)
            {
                var trainingOptions = options.Bind(parse);
                progress.Report($"{foldCount}-fold cross-validation by article on {corpus.Rows.Count} sentences");
                result = await ModelEvaluator.CrossValidateAsync(corpus, foldCount, trainingOptions, progress, token);
            }
            else
            {
                var modelPath = parse.GetValue(model)!;
                using var predictor = StancePredictor.Load(modelPath);
                progress.Report($"scoring {corpus.Rows.Count} sentences with {modelPath}");
                var byArticle = corpus.HasArticles && !parse.GetValue(sentencesOnly);
                var (rows, predictions) = ModelEvaluator.Score(predictor, corpus.Rows, byArticle, token);
                result = MetricsCalculator.Compute(rows, predictions, modelPath, corpus.Path, corpus.Sha256);
            }

            await context.Console.Out.WriteAsync(ReportWriter.Summary(result));
            if (parse.GetValue(report) is { } dir)
            {
                await ReportWriter.WriteAsync(result, dir, token);
                progress.Report($"wrote {Path.Combine(dir, "report.json")} and report.md");
            }
        }, ct));
        return command;
    }
}
