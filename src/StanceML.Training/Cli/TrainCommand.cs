using System.CommandLine;
using System.Reflection;
using System.Text.Json;
using StanceML.Embeddings;
using StanceML.Modeling;
using StanceML.Training.Corpus;
using StanceML.Training.Evaluation;
using StanceML.Training.Training;

namespace StanceML.Training.Cli;

/// <summary><c>stanceml train</c>: labelled CSV → model .zip (written atomically) + model card .json.</summary>
internal static class TrainCommand
{
    public static Command Create(CommandContext context)
    {
        var data = new Option<string>("--data") { Description = "Labelled CSV (article_id,sentence_index,text,label,stance), or - for stdin.", Required = true };
        var model = new Option<string>("--model") { Description = "Where to write the model .zip; the model card goes beside it as .json.", DefaultValueFactory = _ => "models/stance.zip" };
        var split = new Option<string?>("--split") { Description = "CSV of article_id,split (train|test): train on train articles, report on test articles." };
        var report = new Option<string?>("--report") { Description = "Directory for report.json and report.md of the test articles (with --split)." };
        var encoderFrom = new Option<string?>("--encoder-from") { Description = "Take the tuned encoder from this model file instead of tuning anew (needs --tune-encoder and the model's --encoder-input), to refit the rest with other settings in minutes. Its encoder should have been tuned on the same training articles." };
        var options = TrainingOptionsBinder.Create();

        var command = new Command("train", "Train a model from a labelled corpus and write it atomically, with its model card.")
        {
            data, model, split, report, encoderFrom,
        };
        options.AddTo(command);
        command.SetAction((parse, ct) => context.RunAsync(parse, async token =>
        {
            var progress = context.Progress();
            var trainingOptions = options.Bind(parse);
            if (parse.GetValue(encoderFrom) is { } encoderPath)
            {
                trainingOptions = trainingOptions with { TunedEncoder = await ReadTunedEncoderAsync(encoderPath, trainingOptions, token) };
            }

            var modelPath = parse.GetValue(model)!;
            var splitPath = parse.GetValue(split);
            var reportDir = parse.GetValue(report);
            if (reportDir is not null && splitPath is null)
            {
                throw new CliException("--report needs --split: the report describes the held-out test articles.", CliException.BadUsage);
            }

            progress.Report($"reading {parse.GetValue(data)}");
            var corpus = await CorpusReader.ReadAsync(parse.GetValue(data)!, token);
            IReadOnlyList<CorpusRow> trainRows = corpus.Rows, testRows = [];
            string? splitSha = null;
            if (splitPath is not null)
            {
                var splitFile = await SplitFile.ReadAsync(splitPath, token);
                (trainRows, testRows) = splitFile.Apply(corpus, splitPath);
                splitSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(splitPath, token)));
            }

            if (trainRows.Count == 0)
            {
                throw new CliException($"{splitPath}: no article is marked train; nothing to train on.");
            }

            progress.Report($"training {trainingOptions.Trainer} on {trainRows.Count} sentences ({trainRows.Select(r => r.ArticleId).Distinct().Count()} articles), seed {trainingOptions.Seed}");
            var bytes = StanceTrainer.Train(trainRows, corpus.HasArticles, trainingOptions, token, progress: progress);

            EvaluationReport? testReport = null;
            if (testRows.Count > 0)
            {
                progress.Report($"scoring {testRows.Count} test sentences");
                using var predictor = StancePredictor.Load(new MemoryStream(bytes));
                var (rows, predictions) = ModelEvaluator.Score(predictor, testRows, corpus.HasArticles, token);
                testReport = MetricsCalculator.Compute(rows, predictions, modelPath, $"{corpus.Path} (test articles of {splitPath})", corpus.Sha256);
                await context.Console.Out.WriteAsync(ReportWriter.Summary(testReport));
            }

            var card = new ModelCard
            {
                Labels = StanceLabels.All.Select(l => l.ToName()).ToList(),
                Rows = new Dictionary<string, IReadOnlyDictionary<string, int>>
                {
                    ["train"] = Counts(trainRows),
                    ["test"] = Counts(testRows),
                },
                Data = new DataIdentity(corpus.Path, corpus.Sha256, splitPath, splitSha),
                Options = trainingOptions,
                EncoderFrom = parse.GetValue(encoderFrom),
                Command = "stanceml " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
                Versions = new Dictionary<string, string>
                {
                    ["stanceml"] = typeof(TrainCommand).Assembly.GetName().Version?.ToString() ?? "?",
                    ["Microsoft.ML"] = typeof(Microsoft.ML.MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?",
                    ["dotnet"] = Environment.Version.ToString(),
                },
                TestMetrics = testReport is null ? null : new CardMetrics(testReport.Count, testReport.Accuracy, testReport.MacroF1, testReport.PerClass),
            };

            // Model first, then its card: a failure in between leaves the old card with the old model.
            await AtomicFile.WriteAllBytesAsync(modelPath, bytes, token);
            await AtomicFile.WriteAllTextAsync(Path.ChangeExtension(modelPath, ".json"), JsonSerializer.Serialize(card, ReportWriter.Json) + "\n", token);
            if (testReport is not null && reportDir is not null)
            {
                await ReportWriter.WriteAsync(testReport, reportDir, token);
            }

            progress.Report($"wrote {modelPath} ({bytes.Length / 1024} KiB) and {Path.ChangeExtension(modelPath, ".json")}");
        }, ct));
        return command;
    }

    /// <summary>The tuned encoder of the model at <paramref name="path"/>, checked against the run's options.</summary>
    private static async Task<EncoderWeights> ReadTunedEncoderAsync(string path, TrainingOptions options, CancellationToken token)
    {
        if (!options.TuneEncoder)
        {
            throw new CliException("--encoder-from needs --tune-encoder (and --embeddings): the encoder it reads replaces the tuning.", CliException.BadUsage);
        }

        if (!File.Exists(path))
        {
            throw new CliException($"{path}: no such model file (--encoder-from).");
        }

        await using var file = File.OpenRead(path);
        Dictionary<string, byte[]> entries;
        try
        {
            entries = ModelFile.ReadEntries(file, EncoderWeights.EntryName, EncoderInputs.EntryName);
        }
        catch (InvalidDataException e)
        {
            throw new CliException($"{path}: not a StanceML model file ({e.Message}).", CliException.BadInput, e);
        }

        if (!entries.TryGetValue(EncoderWeights.EntryName, out var weights))
        {
            throw new CliException($"{path}: the model has no tuned encoder (it was trained without --tune-encoder); tune one instead, without --encoder-from.");
        }

        var input = EncoderInputs.FromEntries(entries);
        if (input != options.EncoderInput)
        {
            throw new CliException($"{path}: its encoder was tuned to read --encoder-input {input}, and this run asks for {options.EncoderInput}; give --encoder-input {input}.", CliException.BadUsage);
        }

        return EncoderWeights.Parse(weights);
    }

    private static Dictionary<string, int> Counts(IReadOnlyList<CorpusRow> rows)
    {
        var counts = StanceLabels.All.ToDictionary(l => l.ToName(), l => rows.Count(r => r.Label == l));
        counts["total"] = rows.Count;
        counts["articles"] = rows.Select(r => r.ArticleId).Distinct().Count();
        return counts;
    }
}

/// <summary>What models/stance.json records about a model: enough to reproduce and to trust it.</summary>
internal sealed record ModelCard
{
    public string Format { get; init; } = "stanceml-model/1";

    public required IReadOnlyList<string> Labels { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Rows { get; init; }

    public required DataIdentity Data { get; init; }

    public required TrainingOptions Options { get; init; }

    /// <summary>The model file the tuned encoder was taken from (<c>--encoder-from</c>); null when this run tuned it, as <see cref="Options"/> say.</summary>
    public string? EncoderFrom { get; init; }

    public required string Command { get; init; }

    public required IReadOnlyDictionary<string, string> Versions { get; init; }

    public CardMetrics? TestMetrics { get; init; }
}

/// <summary>The files a model was trained from.</summary>
internal sealed record DataIdentity(string Path, string Sha256, string? Split, string? SplitSha256);

/// <summary>Test-article metrics recorded in the model card.</summary>
internal sealed record CardMetrics(int Count, double Accuracy, double MacroF1, IReadOnlyDictionary<string, ClassMetrics> PerClass);
