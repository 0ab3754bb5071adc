using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using StanceML.Training.Corpus;

namespace StanceML.Training.Cli;

/// <summary><c>stanceml benchmark</c>: scoring speed and memory of a model on the sentences of a CSV.</summary>
internal static class BenchmarkCommand
{
    public static Command Create(CommandContext context)
    {
        var model = new Option<string>("--model") { Description = "Model .zip to measure.", DefaultValueFactory = _ => "models/stance.zip" };
        var data = new Option<string>("--data") { Description = "CSV whose text column (and articles, if it has article_id) are scored.", DefaultValueFactory = _ => "data/sentences.csv" };
        var limit = new Option<int>("--limit") { Description = "Score at most this many sentences per measurement.", DefaultValueFactory = _ => 2000 };
        var threads = new Option<int>("--threads") { Description = "Threads for the concurrent Predict measurement.", DefaultValueFactory = _ => Environment.ProcessorCount };

        var command = new Command("benchmark", "Measure load time, sentences/s (Predict, PredictBatch, ScoreArticle, concurrent Predict) and peak memory.")
        {
            model, data, limit, threads,
        };
        command.SetAction((parse, ct) => context.RunAsync(parse, async token =>
        {
            var n = parse.GetValue(limit);
            var threadCount = parse.GetValue(threads);
            if (n < 1 || threadCount < 1)
            {
                throw new CliException("--limit and --threads must be at least 1.", CliException.BadUsage);
            }

            var corpus = await CorpusReader.ReadAsync(parse.GetValue(data)!, token);
            var rows = corpus.Rows.Take(n).ToList();
            var texts = rows.Select(r => r.Text).ToList();
            var clock = Stopwatch.StartNew();
            using var predictor = StancePredictor.Load(parse.GetValue(model)!);
            predictor.Predict(texts[0]);
            var load = clock.Elapsed.TotalSeconds;
            var results = new List<(string Name, int Count, double Seconds)>();

            clock.Restart();
            foreach (var text in texts)
            {
                predictor.Predict(text);
            }

            results.Add(("Predict, 1 thread", texts.Count, clock.Elapsed.TotalSeconds));

            clock.Restart();
            for (var i = 0; i < texts.Count; i += 256)
            {
                predictor.PredictBatch(texts.Skip(i).Take(256));
            }

            results.Add(("PredictBatch (256)", texts.Count, clock.Elapsed.TotalSeconds));

            clock.Restart();
            Parallel.ForEach(texts, new ParallelOptions { MaxDegreeOfParallelism = threadCount, CancellationToken = token }, t => predictor.Predict(t));
            results.Add(($"Predict, {threadCount} threads", texts.Count, clock.Elapsed.TotalSeconds));

            if (corpus.HasArticles)
            {
                var articles = CorpusFile.GroupByArticle(rows, hasArticles: true);
                clock.Restart();
                foreach (var article in articles)
                {
                    predictor.ScoreSentencesOfArticle(article.Select(r => r.Text).ToList());
                }

                results.Add(($"articles ({articles.Count})", rows.Count, clock.Elapsed.TotalSeconds));
            }

            var output = context.Console.Out;
            await output.WriteLineAsync($"model {parse.GetValue(model)}: loaded and warmed up in {load.ToString("0.00", CultureInfo.InvariantCulture)} s; {Environment.ProcessorCount} cores");
            await output.WriteLineAsync("| measurement | sentences | seconds | sentences/s |");
            await output.WriteLineAsync("|---|---:|---:|---:|");
            foreach (var (name, count, seconds) in results)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| {name} | {count} | {seconds:0.00} | {count / Math.Max(seconds, 1e-9):0} |"));
            }

            using var process = Process.GetCurrentProcess();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"peak working set: {process.PeakWorkingSet64 / (1024.0 * 1024):0} MiB"));
        }, ct));
        return command;
    }
}
