// Scores an article with the StanceML predictor library: load the model once, share it.
// Usage: dotnet run --project samples/StanceML.Sample -- models/stance.zip seeds/seed-article.txt
using StanceML;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: StanceML.Sample MODEL.zip ARTICLE.txt");
    return 2;
}

using var predictor = StancePredictor.Load(args[0]);

foreach (var sentence in predictor.ScoreArticle(File.ReadAllText(args[1])))
{
    var p = sentence.Prediction;
    Console.WriteLine($"{p.Label,-8} {p.Confidence:0.00}  [{sentence.Start,4}+{sentence.Length,-3}] {Shorten(sentence.Text)}");
}

var single = predictor.Predict("Critics said the levy would hit the poorest drivers hardest.");
Console.WriteLine($"Predict: {single.Label} ({string.Join(", ", single.Scores.Select(kv => $"{kv.Key} {kv.Value:0.00}"))})");
return 0;

static string Shorten(string text) => text.Length <= 70 ? text : text[..67] + "...";
