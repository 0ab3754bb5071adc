using System.CommandLine;
using System.Security.Cryptography;
using StanceML.Training.Corpus;
using StanceML.Training.Evaluation;

namespace StanceML.Training.Cli;

/// <summary><c>stanceml evaluate</c>: a model on labelled data, beside another model, or grouped K-fold cross-validation.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CommandContext context)
    {
        var model = new Option<string>("--model") { Description = "Model .zip to evaluate (ignored with --folds, which trains fresh models).", DefaultValueFactory = _ => "models/stance.zip" };
        var data = new Option<string>("--data") { Description = "CSV with text and label columns (article_id and sentence_index score articles together), or - for stdin.", Required = true };
        var report = new Option<string?>("--report") { Description = "Directory to write report.json, report.md and report.html to." };
        var sentencesOnly = new Option<bool>("--sentences-only") { Description = "Score every row on its own (the Predict(sentence) path), even when the file has article ids." };
        var folds = new Option<int?>("--folds") { Description = "Cross-validate: K folds grouped by article_id, a fresh model per fold (K >= 2)." };
        var compare = new Option<string?>("--compare") { Description = "A second model .zip to score the same rows: deltas per metric, McNemar's test, the sentences where they disagree." };
        var predictionsFile = new Option<string?>("--predictions") { Description = "CSV to write every scored row to: gold label, predicted label, confidence and each label's probability (not with --folds)." };
        var noExplain = new Option<bool>("--no-explain") { Description = "Skip explaining the listed errors (the words and article cues behind each; about 2 s per 100 errors)." };
        var splitPart = SplitPartBinder.Create();
        var options = TrainingOptionsBinder.Create();

        var command = new Command("evaluate", "Measure a model on labelled data (per-class precision/recall/F1, macro-F1 with a bootstrap interval, confusion matrix, calibration, per-article accuracy, errors).")
        {
            model, data, report, predictionsFile, folds, compare, sentencesOnly, noExplain,
        };
        splitPart.AddTo(command);
        options.AddTo(command);
        command.SetAction((parse, ct) => context.RunAsync(parse, async token =>
        {
            var progress = context.Progress();
            var k = parse.GetValue(folds);
            if (k is < 2)
            {
                throw new CliException($"--folds {k}: cross-validation needs at least 2 folds.", CliException.BadUsage);
            }

            var otherPath = parse.GetValue(compare);
            if (k is not null && otherPath is not null)
            {
                throw new CliException("--compare scores two trained models; it cannot be combined with --folds, which trains its own.", CliException.BadUsage);
            }

            var predictionsPath = parse.GetValue(predictionsFile);
            if (k is not null && predictionsPath is not null)
            {
                throw new CliException("--predictions writes one model's scores; with --folds every fold has its own model. Drop one of them.", CliException.BadUsage);
            }

            var corpus = await CorpusReader.ReadAsync(parse.GetValue(data)!, token);
            var dataFile = corpus.Path == "-" ? null : new FileIdentity(corpus.Path, corpus.Sha256, File.GetLastWriteTimeUtc(corpus.Path));
            corpus = await splitPart.ApplyAsync(parse, corpus, token);
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
                var byArticle = corpus.HasArticles && !parse.GetValue(sentencesOnly);
                using var predictor = StancePredictor.Load(modelPath);
                progress.Report($"scoring {corpus.Rows.Count} sentences with {modelPath}");
                var (rows, predictions) = ModelEvaluator.Score(predictor, corpus.Rows, byArticle, token);
                result = MetricsCalculator.Compute(rows, predictions, modelPath, corpus.Path, corpus.Sha256) with
                {
                    ModelFile = await IdentifyAsync(modelPath, token),
                    Scoring = byArticle ? "article" : "sentence",
                };
                if (predictionsPath is not null)
                {
                    await AtomicFile.WriteAllTextAsync(predictionsPath, PredictionsWriter.ToCsv(rows, predictions), token);
                    progress.Report($"wrote {rows.Count} scored rows to {predictionsPath}");
                }

                if (!parse.GetValue(noExplain) && result.Errors.Count > 0)
                {
                    progress.Report($"explaining {result.Errors.Count} errors");
                    result = ModelEvaluator.ExplainErrors(predictor, result, rows, byArticle, token);
                }

                if (otherPath is not null)
                {
                    using var other = StancePredictor.Load(otherPath);
                    progress.Report($"scoring {corpus.Rows.Count} sentences with {otherPath}");
                    var (_, otherPredictions) = ModelEvaluator.Score(other, corpus.Rows, byArticle, token);
                    var otherReport = MetricsCalculator.Compute(rows, otherPredictions, otherPath, corpus.Path, corpus.Sha256) with
                    {
                        ModelFile = await IdentifyAsync(otherPath, token),
                        Scoring = result.Scoring,
                    };
                    result = result with { Comparison = MetricsCalculator.Compare(result, otherReport, rows, predictions, otherPredictions) };
                }
            }

            result = result with { DataFile = dataFile, Generated = DateTime.UtcNow };
            await context.Console.Out.WriteAsync(ReportWriter.Summary(result));
            if (parse.GetValue(report) is { } dir)
            {
                await ReportWriter.WriteAsync(result, dir, token);
                progress.Report($"wrote {Path.Combine(dir, "report.html")}, report.json and report.md");
            }
        }, ct));
        return command;
    }

    private static async Task<FileIdentity> IdentifyAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return new FileIdentity(path, Convert.ToHexStringLower(hash), File.GetLastWriteTimeUtc(path));
    }
}
