using System.Text.Json;
using StanceML.Training.Corpus;

namespace StanceML.Tests;

public class CliTests
{
    private const string Header = "article_id,sentence_index,text,label,stance\n";

    [Fact]
    public async Task NoVerb_IsAUsageError()
    {
        var (exit, _, err) = await CliRunner.RunAsync([]);

        Assert.Equal(2, exit);
        Assert.Contains("--help", err);
    }

    [Theory]
    [InlineData("train", "--bogus")]
    [InlineData("evaluate", "--data")]
    [InlineData("predict", "--format", "xml")]
    [InlineData("frobnicate")]
    public async Task BadUsage_ExitsTwoWithAMessageOnStderr(params string[] args)
    {
        var (exit, output, err) = await CliRunner.RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith("stanceml: ", err);
    }

    [Theory]
    [InlineData("--tune-encoder")]
    [InlineData("--embeddings", "--tune-encoder", "--tune-epochs", "0")]
    [InlineData("--embeddings", "--tune-encoder", "--tune-learning-rate", "2")]
    [InlineData("--embeddings", "--encoder-input", "Speaker")]
    [InlineData("--embeddings", "--tune-encoder", "--tune-untagged")]
    public async Task Train_TuningOptionsOutOfRange_AreUsageErrorsBeforeAnyWork(params string[] options)
    {
        var (exit, output, err) = await CliRunner.RunAsync(["train", "--data", "no-such-file.csv", "--model", Path.Combine(Path.GetTempPath(), "never-written.zip"), .. options]);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith("stanceml: invalid ", err);
    }

    [Theory]
    [InlineData(2, "--encoder-from needs --tune-encoder", "stance.zip", "--embeddings")]
    [InlineData(1, "no such model file", "no-such-model.zip", "--embeddings", "--tune-encoder")]
    [InlineData(1, "the model has no tuned encoder", "stance-fast.zip", "--embeddings", "--tune-encoder")]
    [InlineData(2, "give --encoder-input Speaker", "stance.zip", "--embeddings", "--tune-encoder")]
    public async Task Train_EncoderFromAModelThatCannotGiveIt_SaysWhyBeforeAnyWork(int expectedExit, string message, string model, params string[] options)
    {
        var written = Path.Combine(Path.GetTempPath(), $"never-written-{Guid.NewGuid():N}.zip");

        var (exit, output, err) = await CliRunner.RunAsync(["train", "--data", "no-such-file.csv", "--model", written, "--encoder-from", TestPaths.Repo("models", model), .. options]);

        Assert.Equal(expectedExit, exit);
        Assert.Empty(output);
        Assert.Contains(message, err);
        Assert.False(File.Exists(written));
    }

    [Theory]
    [InlineData("train", "--model", "models/stance.zip")]
    [InlineData("evaluate", "--folds")]
    [InlineData("predict", "--format")]
    [InlineData("label", "--article-id")]
    public async Task Help_EveryVerb_ShowsOptionsWithDefaults(string verb, string option, string? defaultShown = null)
    {
        var (exit, output, _) = await CliRunner.RunAsync([verb, "--help"]);

        Assert.Equal(0, exit);
        Assert.Contains(option, output);
        if (defaultShown is not null)
        {
            Assert.Contains(defaultShown, output);
        }
    }

    [Fact]
    public async Task Evaluate_MissingData_ExitsOneNamingTheFile()
    {
        var (exit, _, err) = await CliRunner.RunAsync(["evaluate", "--model", CliRunner.ShippedModel, "--data", "/no/such.csv"]);

        Assert.Equal(1, exit);
        Assert.Equal("stanceml: /no/such.csv: file not found; pass the path of a labelled CSV with --data.", err.Trim());
    }

    [Fact]
    public async Task Train_EncoderFrom_RefitsOverThatEncoderAndSaysSoInTheCard()
    {
        var dir = CliRunner.TempDir();
        var data = Path.Combine(dir, "d.csv");
        await File.WriteAllTextAsync(data, Header
            + "a,1,Mayor Ines Okafor proposed a levy on cargo landed at the harbour.,proposal,\n"
            + "a,2,\"\"\"It will sink the port,\"\" said Daniel Brandt, a shipping agent.\",reaction,oppose\n"
            + "a,3,The harbour was built in 1874.,context,\n"
            + "b,1,The company offered $4 a share for Harlow Foods.,proposal,\n"
            + "b,2,Harlow's board rejected the bid as too low.,reaction,oppose\n"
            + "b,3,Harlow was founded in 1987 in Leeds.,context,\n");
        string tuned = Path.Combine(dir, "tuned.zip"), refit = Path.Combine(dir, "refit.zip");
        string[] common = ["train", "--data", data, "--embeddings", "--tune-encoder", "--tune-epochs", "1"];

        var first = await CliRunner.RunAsync([.. common, "--model", tuned]);
        var second = await CliRunner.RunAsync([.. common, "--model", refit, "--seed", "2", "--l2", "2", "--encoder-from", tuned]);

        Assert.True(first.Exit == 0, first.Err);
        Assert.True(second.Exit == 0, second.Err);
        Assert.Equal(WeightsOf(tuned), WeightsOf(refit));
        using var card = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(refit, ".json")));
        Assert.Equal(tuned, card.RootElement.GetProperty("encoderFrom").GetString());
        using var firstCard = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(tuned, ".json")));
        Assert.False(firstCard.RootElement.TryGetProperty("encoderFrom", out _));

        static byte[] WeightsOf(string model)
        {
            using var file = File.OpenRead(model);
            return StanceML.Modeling.ModelFile.ReadEntries(file, StanceML.Embeddings.EncoderWeights.EntryName)[StanceML.Embeddings.EncoderWeights.EntryName];
        }
    }

    [Fact]
    public async Task Evaluate_MissingModel_ExitsOneAndSaysToTrain()
    {
        var dir = CliRunner.TempDir();
        var data = Path.Combine(dir, "d.csv");
        await File.WriteAllTextAsync(data, Header + "a,1,Text.,context,\n");

        var (exit, _, err) = await CliRunner.RunAsync(["evaluate", "--model", Path.Combine(dir, "none.zip"), "--data", data]);

        Assert.Equal(1, exit);
        Assert.Contains("stanceml train", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public async Task Train_BadCsv_ExitsOneAndLeavesTheModelUntouched()
    {
        var dir = CliRunner.TempDir();
        var model = Path.Combine(dir, "stance.zip");
        await File.WriteAllBytesAsync(model, [1, 2, 3]);
        var data = Path.Combine(dir, "bad.csv");
        await File.WriteAllTextAsync(data, Header + "a,1,Fine.,context,\na,2,Bad.,rant,\n");

        var (exit, _, err) = await CliRunner.RunAsync(["train", "--data", data, "--model", model]);

        Assert.Equal(1, exit);
        Assert.Equal($"stanceml: {data}:3: column 'label': unknown label 'rant'; use proposal, reaction or context.", err.Split('\n').Last(l => l.StartsWith("stanceml:")).Trim());
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(model));
        Assert.Equal(["stance.zip", "bad.csv"], Directory.GetFiles(dir).Select(Path.GetFileName).OrderByDescending(n => n));
    }

    [Fact]
    public async Task Train_Cancelled_LeavesTheOldModelAndNoTempFiles()
    {
        var dir = CliRunner.TempDir();
        var model = Path.Combine(dir, "stance.zip");
        await File.WriteAllBytesAsync(model, [9, 9]);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var (exit, _, err) = await CliRunner.RunAsync(["train", "--data", TestPaths.Repo("data", "sentences.csv"), "--model", model], cancellationToken: cts.Token);

        Assert.NotEqual(0, exit);
        Assert.Contains("cancelled", err);
        Assert.Equal([9, 9], await File.ReadAllBytesAsync(model));
        Assert.Single(Directory.GetFiles(dir));
    }

    [Fact]
    public async Task Predict_ExplainTsv_AddsAColumnOfDrivers()
    {
        var (exit, output, err) = await CliRunner.RunAsync(["predict", "--model", CliRunner.ShippedModel, "--explain"], "There was no immediate response from the union.\nThe council proposed a congestion charge.\n");

        Assert.True(exit == 0, err);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Equal(4, l.Split('\t').Length));
        Assert.All(lines, l => Assert.Matches(@"\t.+ \+0\.\d{3}", l));
    }

    [Fact]
    public async Task Predict_ExplainArticleJsonl_NamesTheSpeaker()
    {
        const string article = "Mayor Jane Ortiz proposes congestion charge\n\nMayor Jane Ortiz proposed on Monday a daily charge of £8 for drivers.\n\n\"It is a tax on people who have no other way to get to work,\" said Tom Reed, who leads the opposition group.\n";

        var (exit, output, err) = await CliRunner.RunAsync(["predict", "--model", CliRunner.ShippedModel, "--article", "--explain", "--format", "jsonl"], article);

        Assert.True(exit == 0, err);
        var records = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, records.Count);
        var cues = records[2].GetProperty("explanation").GetProperty("cues").EnumerateArray().ToList();
        Assert.Contains(cues, c => c.GetProperty("feature").GetString() == "spk_other" && c.GetProperty("description").GetString()!.Contains("Tom Reed"));
        Assert.All(records, r => Assert.True(r.GetProperty("explanation").GetProperty("words").GetArrayLength() > 0));
    }

    [Fact]
    public async Task Predict_Tsv_OneLinePerInputLine()
    {
        var (exit, output, _) = await CliRunner.RunAsync(
            ["predict", "--model", CliRunner.ShippedModel],
            stdin: "The mayor proposed a tram line.\n\n“It is madness,” said a resident.\n");

        Assert.Equal(0, exit);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        var fields = lines[2].Split('\t');
        Assert.Equal(3, fields.Length);
        Assert.Contains(fields[0], new[] { "proposal", "reaction", "context" });
        Assert.InRange(double.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), 0, 1);
        Assert.Equal("“It is madness,” said a resident.", fields[2]);
    }

    [Fact]
    public async Task Predict_ArticleJsonl_GivesOffsetsAndScores()
    {
        var seed = await File.ReadAllTextAsync(TestPaths.Repo("seeds", "seed-article.txt"));
        var article = seed.ReplaceLineEndings("\n");
        var (exit, output, _) = await CliRunner.RunAsync(["predict", "--model", CliRunner.ShippedModel, "--article", "--format", "jsonl"], stdin: article);

        Assert.Equal(0, exit);
        var records = output.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(19, records.Count);
        foreach (var r in records)
        {
            var text = r.GetProperty("text").GetString()!;
            Assert.Equal(text, article.Substring(r.GetProperty("start").GetInt32(), r.GetProperty("length").GetInt32()));
            Assert.Equal(3, r.GetProperty("scores").EnumerateObject().Count());
            Assert.Equal(1, r.GetProperty("article").GetInt32());
        }
    }

    [Fact]
    public async Task Predict_SeveralArticles_AreNumberedInOrder()
    {
        var (exit, output, _) = await CliRunner.RunAsync(
            ["predict", "--model", CliRunner.ShippedModel, "--article", "--format", "jsonl"],
            stdin: "Council proposes levy\n\nThe levy is £2.\n---\nUnion rejects offer\n\nThe offer was 3%.\n");

        Assert.Equal(0, exit);
        var articles = output.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement.GetProperty("article").GetInt32()).ToList();
        Assert.Equal([1, 1, 2, 2], articles);
    }

    [Fact]
    public async Task Label_WritesReviewableCorpusRows()
    {
        var dir = CliRunner.TempDir();
        var output = Path.Combine(dir, "rows.csv");

        var (exit, _, err) = await CliRunner.RunAsync(["label", "--model", CliRunner.ShippedModel, "--input", TestPaths.Repo("seeds", "seed-article.txt"), "--article-id", "seed-x", "--output", output]);

        Assert.Equal(0, exit);
        Assert.Contains("wrote 19 rows", err);
        var corpus = StanceML.Training.Corpus.CorpusReader.Parse(output, await File.ReadAllBytesAsync(output));
        Assert.Equal(19, corpus.Rows.Count);
        Assert.All(corpus.Rows, r => Assert.Equal("seed-x", r.ArticleId));
        Assert.Equal(Enumerable.Range(1, 19), corpus.Rows.Select(r => r.SentenceIndex));
        Assert.StartsWith("article_id,sentence_index,text,label,stance,confidence\n", await File.ReadAllTextAsync(output));
    }

    [Fact]
    public async Task Label_BadArticleId_IsAUsageError()
    {
        var (exit, _, err) = await CliRunner.RunAsync(["label", "--model", CliRunner.ShippedModel, "--input", "-", "--article-id", "has space"]);

        Assert.Equal(2, exit);
        Assert.Contains("--article-id", err);
    }

    [Fact]
    public async Task Evaluate_WritesJsonMarkdownAndHtmlThatAgree()
    {
        var dir = CliRunner.TempDir();
        var (exit, output, _) = await CliRunner.RunAsync(["evaluate", "--model", CliRunner.ShippedModel, "--data", TestPaths.Repo("data", "sentences.csv"), "--report", dir]);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "report.json")));
        var root = json.RootElement;
        var macro = root.GetProperty("macroF1").GetDouble();
        Assert.InRange(macro, 0, 1);
        Assert.Equal(3, root.GetProperty("perClass").EnumerateObject().Count());
        Assert.Equal(root.GetProperty("count").GetInt32(), root.GetProperty("confusionMatrix").GetProperty("counts").EnumerateArray().Sum(r => r.EnumerateArray().Sum(c => c.GetInt32())));
        var markdown = await File.ReadAllTextAsync(Path.Combine(dir, "report.md"));
        Assert.Contains($"macro-F1: **{macro.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}**", markdown);
        Assert.Contains($"macro-F1 {macro.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}", output);
        var html = await File.ReadAllTextAsync(Path.Combine(dir, "report.html"));
        Assert.Contains($"<span data-metric=\"macroF1\">{macro.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}</span>", html);
        var count = root.GetProperty("count").GetInt32();
        Assert.Equal(count - (int)Math.Round(root.GetProperty("accuracy").GetDouble() * count), root.GetProperty("errorCount").GetInt32());
        Assert.InRange(root.GetProperty("errors").GetArrayLength(), 1, Math.Min(200, root.GetProperty("errorCount").GetInt32()));
        var interval = root.GetProperty("macroF1Interval");
        Assert.InRange(macro, interval.GetProperty("lower").GetDouble(), interval.GetProperty("upper").GetDouble());
        Assert.Equal(64, root.GetProperty("modelFile").GetProperty("sha256").GetString()!.Length);
        // Errors are explained: what drove the most confident mistake, its words and cues or, for a
        // model with embeddings, the sentence's meaning as a whole (the embedding's own effect).
        var first = root.GetProperty("errors")[0];
        var drivers = first.GetProperty("terms").GetArrayLength() + first.GetProperty("cues").GetArrayLength();
        Assert.True(drivers > 0 || first.GetProperty("meaning").GetProperty("effect").GetDouble() > 0.005, first.ToString());
        Assert.Equal(JsonValueKind.Object, first.GetProperty("meaning").ValueKind); // the shipped stance.zip reads embeddings
    }

    [Fact]
    public async Task Evaluate_Compare_WritesDeltasAndMcNemarThatAddUp()
    {
        var dir = CliRunner.TempDir();
        var (exit, output, err) = await CliRunner.RunAsync(
            ["evaluate", "--model", CliRunner.ShippedModel, "--compare", TestPaths.Repo("models", "stance-fast.zip"), "--data", TestPaths.Repo("data", "sentences.csv"),
             "--split", TestPaths.Repo("data", "split.csv"), "--no-explain", "--report", dir]);

        Assert.True(exit == 0, err);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "report.json")));
        var root = json.RootElement;
        var comparison = root.GetProperty("comparison");
        var other = comparison.GetProperty("other");
        Assert.Equal(root.GetProperty("macroF1").GetDouble() - other.GetProperty("macroF1").GetDouble(), comparison.GetProperty("deltas").GetProperty("macroF1").GetDouble(), 12);
        var m = comparison.GetProperty("mcNemar");
        var count = root.GetProperty("count").GetInt32();
        Assert.Equal(count, m.GetProperty("onlyBaseRight").GetInt32() + m.GetProperty("onlyOtherRight").GetInt32() + m.GetProperty("bothRight").GetInt32() + m.GetProperty("bothWrong").GetInt32());
        // Right = both right + only this right, for each model.
        Assert.Equal(root.GetProperty("accuracy").GetDouble() * count, m.GetProperty("bothRight").GetInt32() + m.GetProperty("onlyBaseRight").GetInt32(), 6);
        Assert.Equal(other.GetProperty("accuracy").GetDouble() * count, m.GetProperty("bothRight").GetInt32() + m.GetProperty("onlyOtherRight").GetInt32(), 6);
        Assert.True(comparison.GetProperty("disagreementCount").GetInt32() >= m.GetProperty("onlyBaseRight").GetInt32() + m.GetProperty("onlyOtherRight").GetInt32());
        Assert.Contains("McNemar", output);
        Assert.Contains("<h2>Comparison</h2>", await File.ReadAllTextAsync(Path.Combine(dir, "report.html")));
    }

    [Fact]
    public async Task Evaluate_SplitPart_ScoresOnlyThoseArticles()
    {
        var split = TestPaths.Repo("data", "split.csv");
        var testArticles = File.ReadLines(split).Count(l => l.EndsWith(",test", StringComparison.Ordinal));
        var dir = CliRunner.TempDir();

        var (exit, _, err) = await CliRunner.RunAsync(["evaluate", "--model", CliRunner.ShippedModel, "--data", TestPaths.Repo("data", "sentences.csv"), "--split", split, "--no-explain", "--report", dir]);

        Assert.True(exit == 0, err);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "report.json")));
        Assert.Equal(testArticles, json.RootElement.GetProperty("articles").GetInt32());
        Assert.Contains("test articles of", json.RootElement.GetProperty("data").GetString());
    }

    [Fact]
    public async Task Evaluate_Predictions_WritesEveryScoredRowWithItsProbabilities()
    {
        var split = TestPaths.Repo("data", "split.csv");
        var dir = CliRunner.TempDir();
        var file = Path.Combine(dir, "scored.csv");

        var (exit, _, err) = await CliRunner.RunAsync(
            ["evaluate", "--model", TestPaths.Repo("models", "stance-fast.zip"), "--data", TestPaths.Repo("data", "sentences.csv"), "--split", split, "--no-explain", "--report", dir, "--predictions", file]);

        Assert.True(exit == 0, err);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "report.json")));
        var rows = await CorpusReader.ReadAsync(file, CancellationToken.None);
        Assert.Equal(json.RootElement.GetProperty("count").GetInt32(), rows.Rows.Count);
        Assert.True(rows.HasArticles);

        using var csv = CsvHelper.CsvReader.Create(await File.ReadAllBytesAsync(file), new CsvHelper.CsvReaderOptions { Separator = ',', HasHeader = true });
        csv.ReadHeader();
        var header = csv.Headers.ToList();
        string Field(string name) => csv.GetString(header.IndexOf(name));
        double Number(string name) => double.Parse(Field(name), System.Globalization.CultureInfo.InvariantCulture);
        var right = 0;
        while (csv.Read())
        {
            var p = StanceLabels.All.ToDictionary(l => l, l => Number("p_" + l.ToName()));
            Assert.Equal(1.0, p.Values.Sum(), 2);
            Assert.Equal(p.MaxBy(kv => kv.Value).Key.ToName(), Field("predicted"));
            Assert.Equal(p.Values.Max(), Number("confidence"), 4);
            right += Field("predicted") == Field("label") ? 1 : 0;
        }

        Assert.Equal(json.RootElement.GetProperty("accuracy").GetDouble(), right / (double)rows.Rows.Count, 6);
    }

    [Fact]
    public async Task Evaluate_PredictionsWithFolds_IsAUsageErrorAndWritesNothing()
    {
        var file = Path.Combine(CliRunner.TempDir(), "scored.csv");

        var (exit, _, err) = await CliRunner.RunAsync(["evaluate", "--data", TestPaths.Repo("data", "sentences.csv"), "--folds", "3", "--predictions", file]);

        Assert.Equal(2, exit);
        Assert.Contains("--predictions", err);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Evaluate_CompareWithFolds_IsAUsageError()
    {
        var (exit, _, err) = await CliRunner.RunAsync(["evaluate", "--data", TestPaths.Repo("data", "sentences.csv"), "--folds", "3", "--compare", CliRunner.ShippedModel]);

        Assert.Equal(2, exit);
        Assert.Contains("--compare", err);
    }

    [Fact]
    public async Task Evaluate_BadPart_IsAUsageError()
    {
        var (exit, _, err) = await CliRunner.RunAsync(["evaluate", "--data", TestPaths.Repo("data", "sentences.csv"), "--split", TestPaths.Repo("data", "split.csv"), "--part", "dev"]);

        Assert.Equal(2, exit);
        Assert.Contains("dev", err);
    }

    [Fact]
    public async Task Evaluate_FoldsOne_IsAUsageError()
    {
        var (exit, _, err) = await CliRunner.RunAsync(["evaluate", "--data", TestPaths.Repo("data", "sentences.csv"), "--folds", "1"]);

        Assert.Equal(2, exit);
        Assert.Contains("at least 2 folds", err);
    }
}
