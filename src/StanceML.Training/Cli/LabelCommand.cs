using System.CommandLine;
using System.Globalization;
using StanceML.Training.Corpus;

namespace StanceML.Training.Cli;

/// <summary><c>stanceml label</c>: an article → corpus rows pre-filled by the model, for a person to review.</summary>
internal static class LabelCommand
{
    public static Command Create(CommandContext context)
    {
        var model = new Option<string>("--model") { Description = "Model .zip that pre-fills the labels.", DefaultValueFactory = _ => "models/stance.zip" };
        var input = new Option<string>("--input") { Description = "The article as plain text, or - for stdin.", Required = true };
        var articleId = new Option<string>("--article-id") { Description = "The article_id to write on every row.", Required = true };
        var output = new Option<string>("--output") { Description = "CSV to write (atomically), or - for stdout.", DefaultValueFactory = _ => "-" };

        var command = new Command("label", "Segment an article and write corpus rows pre-labelled by the model, with confidence, for review.")
        {
            model, input, articleId, output,
        };
        command.SetAction((parse, ct) => context.RunAsync(parse, async token =>
        {
            var id = parse.GetValue(articleId)!.Trim();
            if (id.Length == 0 || id.Any(c => char.IsWhiteSpace(c) || c == ','))
            {
                throw new CliException($"--article-id '{id}': use a non-empty id without spaces or commas, e.g. h1-26-harbour-levy.", CliException.BadUsage);
            }

            using var predictor = StancePredictor.Load(parse.GetValue(model)!);
            string text;
            using (var reader = PredictCommand.Open(parse.GetValue(input)!, context.Console))
            {
                text = await reader.ReadToEndAsync(token);
            }

            var sentences = predictor.ScoreArticle(text);
            var buffer = new StringWriter(CultureInfo.InvariantCulture);
            using (var csv = CorpusWriter.Create(buffer))
            {
                csv.WriteHeader([.. CorpusWriter.Columns, "confidence"]);
                for (var i = 0; i < sentences.Count; i++)
                {
                    csv.WriteRecord(
                    [
                        id,
                        (i + 1).ToString(CultureInfo.InvariantCulture),
                        sentences[i].Text.ReplaceLineEndings(" "),
                        sentences[i].Prediction.Label.ToName(),
                        string.Empty,
                        sentences[i].Prediction.Confidence.ToString("0.0000", CultureInfo.InvariantCulture),
                    ]);
                }
            }

            var destination = parse.GetValue(output)!;
            if (destination == "-")
            {
                await context.Console.Out.WriteAsync(buffer.ToString());
            }
            else
            {
                await AtomicFile.WriteAllTextAsync(destination, buffer.ToString(), token);
                await context.Console.Error.WriteLineAsync($"wrote {sentences.Count} rows to {destination}; review the labels and add stances to reactions.");
            }
        }, ct));
        return command;
    }
}
