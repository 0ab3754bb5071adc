using System.Globalization;
using System.Text.RegularExpressions;
using StanceML.Training.Corpus;
using StanceML.Training.Evaluation;

namespace StanceML.Tests;

public partial class HtmlReportWriterTests
{
    [GeneratedRegex(@"data-metric=""(?<name>[^""]+)""[^>]*>(?<value>[^<]*)<")]
    internal static partial Regex MetricElement();

    internal static (List<CorpusRow> Rows, List<StancePrediction> Predictions) Sample(int articles, string text = "A sentence")
    {
        var labels = StanceLabels.All;
        var rows = new List<CorpusRow>();
        var predictions = new List<StancePrediction>();
        for (var i = 0; i < articles * 10; i++)
        {
            var gold = labels[i % 3];
            var predicted = i % 4 == 0 ? labels[(i + 1) % 3] : gold;
            var confidence = 0.4f + (0.05f * (i % 12));
            rows.Add(new CorpusRow($"article-{i / 10}", i % 10, $"{text} {i}.", gold, string.Empty, i + 2));
            var rest = (1 - confidence) / 2;
            predictions.Add(new StancePrediction(predicted, confidence, labels.ToDictionary(l => l, l => l == predicted ? confidence : rest)));
        }

        return (rows, predictions);
    }

    private static EvaluationReport Report(int articles = 6, string text = "A sentence")
    {
        var (rows, predictions) = Sample(articles, text);
        return MetricsCalculator.Compute(rows, predictions, "models/m.zip", "data/d.csv", "abc123");
    }

    [Fact]
    public void Render_ShowsTheReportsNumbersInTheDataMetricElements()
    {
        var report = Report();

        var html = HtmlReportWriter.Render(report);

        var metrics = MetricElement().Matches(html).ToLookup(m => m.Groups["name"].Value, m => m.Groups["value"].Value);
        Assert.Equal(F(report.MacroF1), Assert.Single(metrics["macroF1"]));
        Assert.Equal(F(report.Accuracy), Assert.Single(metrics["accuracy"]));
        Assert.Equal(report.Count.ToString(CultureInfo.InvariantCulture), Assert.Single(metrics["count"]));
        Assert.All(metrics["ece"], v => Assert.Equal(F(report.ExpectedCalibrationError), v));
        foreach (var (label, m) in report.PerClass)
        {
            Assert.Equal(F(m.F1), Assert.Single(metrics["f1." + label]));
            Assert.Equal(F(m.Precision), Assert.Single(metrics["precision." + label]));
            Assert.Equal(F(m.Recall), Assert.Single(metrics["recall." + label]));
        }

        var labels = report.ConfusionMatrix.Labels;
        for (var r = 0; r < labels.Count; r++)
        {
            for (var c = 0; c < labels.Count; c++)
            {
                Assert.Equal(report.ConfusionMatrix.Counts[r][c].ToString(CultureInfo.InvariantCulture), Assert.Single(metrics[$"confusion.{labels[r]}.{labels[c]}"]));
            }
        }
    }

    [Fact]
    public void Render_IsSelfContained()
    {
        var html = HtmlReportWriter.Render(Report());

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"\b(?:src|href)\s*=", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("url(", html);
        // The only address is the SVG namespace, which names rather than loads.
        Assert.All(Regex.Matches(html, @"https?://[^\s""']+").Select(m => m.Value), a => Assert.Equal("http://www.w3.org/2000/svg", a));
        Assert.Contains("<svg", html);
    }

    [Fact]
    public void Render_EscapesSentenceText()
    {
        var html = HtmlReportWriter.Render(Report(text: "<script>alert('x')</script> & \"quotes\""));

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;", html);
    }

    [Fact]
    public void Render_WithoutFoldsOrComparison_LeavesThoseSectionsOut()
    {
        var html = HtmlReportWriter.Render(Report());

        Assert.DoesNotContain("<h2>Cross-validation</h2>", html);
        Assert.DoesNotContain("<h2>Comparison</h2>", html);
        Assert.Contains("<h2>Per article</h2>", html);
    }

    [Fact]
    public void Render_WithFolds_ShowsMeanAndStd()
    {
        var report = Report() with
        {
            CrossValidation = new FoldSummary(3, 0.8123, 0.0456, 0.85, 0.02, [0.77, 0.81, 0.86])
            {
                PerClassF1 = new Dictionary<string, Spread> { ["proposal"] = new(0.7, 0.05) },
            },
        };

        var html = HtmlReportWriter.Render(report);

        Assert.Contains("<h2>Cross-validation</h2>", html);
        Assert.Contains("data-metric=\"cv.macroF1Mean\">0.812<", html);
        Assert.Contains("data-metric=\"cv.macroF1Std\">0.046<", html);
        Assert.Contains("fold 3: 0.860", html);
    }

    [Fact]
    public void Render_WithComparison_ShowsDeltasAndMcNemar()
    {
        var (rows, predictions) = Sample(6);
        var other = predictions.Select((p, i) => i % 3 == 0 ? new StancePrediction(rows[i].Label, 0.9f, p.Scores) : p).ToList();
        var mine = MetricsCalculator.Compute(rows, predictions, "models/m.zip", "d", "h");
        var theirs = MetricsCalculator.Compute(rows, other, "models/o.zip", "d", "h");
        var report = mine with { Comparison = MetricsCalculator.Compare(mine, theirs, rows, predictions, other) };

        var html = HtmlReportWriter.Render(report);

        var metrics = MetricElement().Matches(html).GroupBy(m => m.Groups["name"].Value).ToDictionary(g => g.Key, g => g.First().Groups["value"].Value);
        Assert.Equal((mine.MacroF1 - theirs.MacroF1).ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture), metrics["delta.macroF1"]);
        Assert.Equal(report.Comparison!.McNemar.OnlyOtherRight.ToString(CultureInfo.InvariantCulture), metrics["mcnemar.c"]);
        Assert.Equal(report.Comparison.McNemar.PValue.ToString("0.0000", CultureInfo.InvariantCulture), metrics["mcnemar.p"]);
        Assert.Contains("models/o.zip", html);
    }

    [Fact]
    public void Render_LongErrorList_FoldsTheRestIntoDetails()
    {
        var report = Report(articles: 40);

        var html = HtmlReportWriter.Render(report);

        Assert.True(report.Errors.Count > 50);
        Assert.Contains($"the other {report.Errors.Count - 50} errors", html);
        Assert.Equal(html.Split("<details>").Length - 1, html.Split("</details>").Length - 1);
    }

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
