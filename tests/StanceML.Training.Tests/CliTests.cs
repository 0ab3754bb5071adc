using System.Text.Json;

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
    public async Task Evaluate_WritesJsonAndMarkdownThatAgree()
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
    }

    [Fact]
    public async Task Evaluate_FoldsOne_IsAUsageError()
    {
        var (exit, _, err) = await CliRunner.RunAsync(["evaluate", "--data", TestPaths.Repo("data", "sentences.csv"), "--folds", "1"]);

        Assert.Equal(2, exit);
        Assert.Contains("at least 2 folds", err);
    }
}
