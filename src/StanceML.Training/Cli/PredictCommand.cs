using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace StanceML.Training.Cli;

/// <summary>Output formats of <c>predict</c>.</summary>
internal enum PredictFormat
{
    /// <summary><c>label&lt;TAB&gt;confidence&lt;TAB&gt;text</c>.</summary>
    Tsv,

    /// <summary>One JSON object per line: label, confidence, scores, text (and offsets with --article).</summary>
    Jsonl,
}

/// <summary><c>stanceml predict</c>: sentences or articles in, labels out; streams both.</summary>
internal static class PredictCommand
{
    /// <summary>In --article mode, a line holding only this separates articles.</summary>
    public const string ArticleSeparator = "---";

    private const int BatchSize = 512;

    public static Command Create(CommandContext context)
    {
        var model = new Option<string>("--model") { Description = "Model .zip (models/stance.zip or models/stance-fast.zip).", DefaultValueFactory = _ => "models/stance.zip" };
        var input = new Option<string>("--input") { Description = "Text file to read, or - for stdin.", DefaultValueFactory = _ => "-" };
        var format = new Option<PredictFormat>("--format") { Description = "tsv: label<TAB>confidence<TAB>text; jsonl: label, confidence, scores, text.", DefaultValueFactory = _ => PredictFormat.Tsv };
        var article = new Option<bool>("--article") { Description = $"Input is article text: segment it and score each sentence in its article. Separate several articles with a line '{ArticleSeparator}'." };

        var explain = new Option<bool>("--explain") { Description = "Add what drove each label: the strongest words and phrases and the article cues that fired (tsv: a fourth column; about 50x slower)." };

        var command = new Command("predict", "Label sentences (one per line) or whole articles (--article); output one line per sentence.")
        {
            model, input, format, article, explain,
        };
        command.SetAction((parse, ct) => context.RunAsync(parse, async token =>
        {
            var modelPath = parse.GetValue(model)!;
            using var predictor = StancePredictor.Load(modelPath);
            var inputPath = parse.GetValue(input)!;
            using var reader = Open(inputPath, context.Console);
            var writer = context.Console.Out;
            var fmt = parse.GetValue(format);
            var explaining = parse.GetValue(explain);
            if (parse.GetValue(article))
            {
                await PredictArticlesAsync(predictor, reader, writer, fmt, explaining, token);
            }
            else
            {
                await PredictLinesAsync(predictor, reader, writer, fmt, explaining, token);
            }
        }, ct));
        return command;
    }

    internal static TextReader Open(string path, CliConsole console)
    {
        if (path == "-")
        {
            return console.In;
        }

        try
        {
            return new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException($"{path}: file not found; pass a text file with --input, or - for stdin.");
        }
    }

    private static async Task PredictLinesAsync(StancePredictor predictor, TextReader reader, TextWriter writer, PredictFormat format, bool explain, CancellationToken token)
    {
        var batch = new List<string>(BatchSize);
        while (await reader.ReadLineAsync(token) is { } line)
        {
            if (explain)
            {
                var explanation = predictor.Explain(line);
                await writer.WriteLineAsync(Format(explanation.Prediction, line, format, null, explanation).AsMemory(), token);
                continue;
            }

            batch.Add(line);
            if (batch.Count == BatchSize)
            {
                await WriteBatchAsync(predictor, batch, writer, format, token);
                batch.Clear();
            }
        }

        await WriteBatchAsync(predictor, batch, writer, format, token);
    }

    private static async Task WriteBatchAsync(StancePredictor predictor, List<string> lines, TextWriter writer, PredictFormat format, CancellationToken token)
    {
        if (lines.Count == 0)
        {
            return;
        }

        var predictions = predictor.PredictBatch(lines);
        for (var i = 0; i < lines.Count; i++)
        {
            await writer.WriteLineAsync(Format(predictions[i], lines[i], format, null).AsMemory(), token);
        }
    }

    private static async Task PredictArticlesAsync(StancePredictor predictor, TextReader reader, TextWriter writer, PredictFormat format, bool explain, CancellationToken token)
    {
        var article = new System.Text.StringBuilder();
        var number = 0;
        while (true)
        {
            var line = await reader.ReadLineAsync(token);
            if (line is null || line.Trim() == ArticleSeparator)
            {
                number++;
                if (explain)
                {
                    var sentences = Text.NewsSegmenter.Sentences(article.ToString());
                    var texts = sentences.Select(s => s.Text).ToList();
                    for (var i = 0; i < sentences.Count; i++)
                    {
                        token.ThrowIfCancellationRequested();
                        var explanation = predictor.Explain(texts, i);
                        await writer.WriteLineAsync(Format(explanation.Prediction, texts[i], format, (number, sentences[i].Start, sentences[i].Length), explanation).AsMemory(), token);
                    }
                }
                else
                {
                    foreach (var sentence in predictor.ScoreArticle(article.ToString()))
                    {
                        await writer.WriteLineAsync(Format(sentence.Prediction, sentence.Text, format, (number, sentence.Start, sentence.Length)).AsMemory(), token);
                    }
                }

                article.Clear();
                if (line is null)
                {
                    return;
                }

                continue;
            }

            article.Append(line).Append('\n');
        }
    }

    internal static string Format(StancePrediction prediction, string text, PredictFormat format, (int Article, int Start, int Length)? position, StanceExplanation? explanation = null)
    {
        if (format == PredictFormat.Tsv)
        {
            var flat = text.ReplaceLineEndings(" ").Replace('\t', ' ');
            var line = string.Create(CultureInfo.InvariantCulture, $"{prediction.Label.ToName()}\t{prediction.Confidence:0.0000}\t{flat}");
            if (explanation is not null)
            {
                var drivers = explanation.Words.Concat(explanation.ArticleCues.Where(c => c.Effect >= 0.0005f).Take(4))
                    .Concat(explanation.Meaning is { Effect: >= 0.0005f } tsvMeaning ? [tsvMeaning] : [])
                    .Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Description.Replace('\t', ' ')} {d.Effect:+0.000;-0.000}"));
                line += "\t" + string.Join("; ", drivers);
            }

            return line;
        }

        var record = new Dictionary<string, object>
        {
            ["label"] = prediction.Label.ToName(),
            ["confidence"] = Math.Round(prediction.Confidence, 4),
            ["scores"] = prediction.Scores.ToDictionary(kv => kv.Key.ToName(), kv => Math.Round(kv.Value, 4)),
            ["text"] = text,
        };
        if (position is { } p)
        {
            record["article"] = p.Article;
            record["start"] = p.Start;
            record["length"] = p.Length;
        }

        if (explanation is not null)
        {
            record["explanation"] = new Dictionary<string, object>
            {
                ["words"] = explanation.Words.Select(w => new { feature = w.Feature, effect = Math.Round(w.Effect, 4) }).ToList(),
                ["cues"] = explanation.ArticleCues.Select(c => new { feature = c.Feature, description = c.Description, effect = Math.Round(c.Effect, 4) }).ToList(),
                ["neighbours"] = explanation.Neighbours.Select(n => new { label = n.Label.ToName(), similarity = Math.Round(n.Similarity, 3), article = n.ArticleId, text = n.Text }).ToList(),
            };
        }

        if (explanation?.Meaning is { } meaning)
        {
            ((Dictionary<string, object>)record["explanation"])["meaning"] = new { description = meaning.Description, effect = Math.Round(meaning.Effect, 4) };
        }

        return JsonSerializer.Serialize(record);
    }
}
