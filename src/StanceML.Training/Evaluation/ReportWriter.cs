using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using StanceML.Training.Cli;

namespace StanceML.Training.Evaluation;

/// <summary>Writes an <see cref="EvaluationReport"/> as report.json, report.md, report.html and a terminal summary.</summary>
internal static class ReportWriter
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Writes DIR/report.json, DIR/report.md and DIR/report.html, each atomically, all from <paramref name="report"/>.</summary>
    public static async Task WriteAsync(EvaluationReport report, string directory, CancellationToken cancellationToken)
    {
        // Render everything first, so that a failure leaves no mix of old and new reports.
        var json = JsonSerializer.Serialize(report, Json) + "\n";
        var markdown = ToMarkdown(report);
        var html = HtmlReportWriter.Render(report);
        Directory.CreateDirectory(directory);
        await AtomicFile.WriteAllTextAsync(Path.Combine(directory, "report.json"), json, cancellationToken);
        await AtomicFile.WriteAllTextAsync(Path.Combine(directory, "report.md"), markdown, cancellationToken);
        await AtomicFile.WriteAllTextAsync(Path.Combine(directory, "report.html"), html, cancellationToken);
    }

    /// <summary>The short table printed on stdout.</summary>
    public static string Summary(EvaluationReport report)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Invariant($"{report.Count} sentences, {report.Articles} articles: accuracy {report.Accuracy:0.000}, macro-F1 {report.MacroF1:0.000} (95% CI {report.MacroF1Interval.Lower:0.000}–{report.MacroF1Interval.Upper:0.000}), ECE {report.ExpectedCalibrationError:0.000}"));
        if (report.CrossValidation is { } cv)
        {
            sb.AppendLine(Invariant($"{cv.Folds}-fold cross-validation by article: macro-F1 {cv.MacroF1Mean:0.000} ± {cv.MacroF1Std:0.000}, accuracy {cv.AccuracyMean:0.000} ± {cv.AccuracyStd:0.000}"));
        }

        sb.AppendLine(Invariant($"{"label",-10} {"precision",9} {"recall",7} {"f1",6} {"support",8}"));
        foreach (var (label, m) in report.PerClass)
        {
            sb.AppendLine(Invariant($"{label,-10} {m.Precision,9:0.000} {m.Recall,7:0.000} {m.F1,6:0.000} {m.Support,8}"));
        }

        sb.AppendLine(Invariant($"confusion (rows gold, columns predicted: {string.Join(", ", report.ConfusionMatrix.Labels)})"));
        for (var r = 0; r < report.ConfusionMatrix.Labels.Count; r++)
        {
            sb.AppendLine(Invariant($"{report.ConfusionMatrix.Labels[r],-10} {string.Join(" ", report.ConfusionMatrix.Counts[r].Select(c => c.ToString(CultureInfo.InvariantCulture).PadLeft(6)))}"));
        }

        if (report.Comparison is { } comparison)
        {
            var m = comparison.McNemar;
            sb.AppendLine(Invariant($"vs {comparison.Other.Model}: macro-F1 {comparison.Other.MacroF1:0.000} (Δ {comparison.Deltas["macroF1"]:+0.000;-0.000;0.000}), accuracy {comparison.Other.Accuracy:0.000} (Δ {comparison.Deltas["accuracy"]:+0.000;-0.000;0.000}); McNemar: only this right {m.OnlyBaseRight}, only other right {m.OnlyOtherRight}, p = {m.PValue:0.0000}"));
        }

        return sb.ToString();
    }

    public static string ToMarkdown(EvaluationReport report)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# StanceML evaluation report").AppendLine();
        sb.AppendLine(Invariant($"- model: `{report.Model}`"));
        sb.AppendLine(Invariant($"- data: `{report.Data}` (sha256 `{report.DataSha256[..Math.Min(12, report.DataSha256.Length)]}`)"));
        sb.AppendLine(Invariant($"- sentences: {report.Count}, articles: {report.Articles}"));
        sb.AppendLine(Invariant($"- accuracy: **{report.Accuracy:0.000}**, macro-F1: **{report.MacroF1:0.000}** (95% bootstrap interval by article {report.MacroF1Interval.Lower:0.000}–{report.MacroF1Interval.Upper:0.000})"));
        sb.AppendLine(Invariant($"- expected calibration error: {report.ExpectedCalibrationError:0.000}"));
        if (report.CrossValidation is { } cv)
        {
            sb.AppendLine(Invariant($"- {cv.Folds}-fold cross-validation by article: macro-F1 {cv.MacroF1Mean:0.000} ± {cv.MacroF1Std:0.000} (folds: {string.Join(", ", cv.MacroF1PerFold.Select(f => f.ToString("0.000", CultureInfo.InvariantCulture)))})"));
            foreach (var (label, spread) in cv.PerClassF1)
            {
                sb.AppendLine(Invariant($"  - F1 {label}: {spread.Mean:0.000} ± {spread.Std:0.000}"));
            }
        }

        sb.AppendLine().AppendLine("## Per class").AppendLine();
        sb.AppendLine("| label | precision | recall | F1 | support |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (label, m) in report.PerClass)
        {
            sb.AppendLine(Invariant($"| {label} | {m.Precision:0.000} | {m.Recall:0.000} | {m.F1:0.000} | {m.Support} |"));
        }

        sb.AppendLine().AppendLine("## Confusion matrix (rows: gold, columns: predicted)").AppendLine();
        sb.AppendLine("| gold \\ predicted | " + string.Join(" | ", report.ConfusionMatrix.Labels) + " |");
        sb.AppendLine("|---|" + string.Concat(report.ConfusionMatrix.Labels.Select(_ => "---:|")));
        for (var r = 0; r < report.ConfusionMatrix.Labels.Count; r++)
        {
            sb.AppendLine($"| {report.ConfusionMatrix.Labels[r]} | {string.Join(" | ", report.ConfusionMatrix.Counts[r])} |");
        }

        sb.AppendLine().AppendLine("## Calibration").AppendLine();
        sb.AppendLine("| confidence | count | mean confidence | accuracy |").AppendLine("|---|---:|---:|---:|");
        foreach (var bin in report.Calibration.Where(b => b.Count > 0))
        {
            sb.AppendLine(Invariant($"| {bin.Lower:0.0}–{bin.Upper:0.0} | {bin.Count} | {bin.MeanConfidence:0.000} | {bin.Accuracy:0.000} |"));
        }

        if (report.Comparison is { } c)
        {
            sb.AppendLine().AppendLine(Invariant($"## Comparison with `{c.Other.Model}`")).AppendLine();
            sb.AppendLine("| metric | this | other | Δ |").AppendLine("|---|---:|---:|---:|");
            sb.AppendLine(Invariant($"| macro-F1 | {report.MacroF1:0.000} | {c.Other.MacroF1:0.000} | {c.Deltas["macroF1"]:+0.000;-0.000;0.000} |"));
            sb.AppendLine(Invariant($"| accuracy | {report.Accuracy:0.000} | {c.Other.Accuracy:0.000} | {c.Deltas["accuracy"]:+0.000;-0.000;0.000} |"));
            foreach (var label in report.PerClass.Keys)
            {
                sb.AppendLine(Invariant($"| F1 {label} | {report.PerClass[label].F1:0.000} | {c.Other.PerClass[label].F1:0.000} | {c.Deltas["f1." + label]:+0.000;-0.000;0.000} |"));
            }

            var m = c.McNemar;
            sb.AppendLine().AppendLine(Invariant($"McNemar's test: only this model right {m.OnlyBaseRight}, only the other right {m.OnlyOtherRight}, χ² {m.ChiSquared:0.00}, exact p = {m.PValue:0.0000}; {c.DisagreementCount} sentences labelled differently."));
        }

        if (report.PerArticle.Count > 0)
        {
            sb.AppendLine().AppendLine(Invariant($"## Worst articles ({Math.Min(20, report.PerArticle.Count)} of {report.PerArticle.Count})")).AppendLine();
            sb.AppendLine("| article | sentences | right | accuracy |").AppendLine("|---|---:|---:|---:|");
            foreach (var a in report.PerArticle.Take(20))
            {
                sb.AppendLine(Invariant($"| {a.ArticleId} | {a.Sentences} | {a.Correct} | {a.Accuracy:0.000} |"));
            }
        }

        sb.AppendLine().AppendLine(Invariant($"## Errors, most confident first ({report.Errors.Count} of {report.ErrorCount} shown)")).AppendLine();
        sb.AppendLine("| article | # | gold | predicted | confidence | sentence | drivers |").AppendLine("|---|---:|---|---|---:|---|---|");
        foreach (var e in report.Errors)
        {
            var drivers = string.Join("; ", e.Terms.Concat(e.Cues).Concat(e.Meaning is { Effect: >= ModelEvaluator.MinimumEffect } m ? [m] : []).Select(d => Invariant($"{d.Feature} {d.Effect:+0.00;-0.00}")));
            sb.AppendLine(Invariant($"| {e.ArticleId} | {e.SentenceIndex} | {e.Gold} | {e.Predicted} | {e.Confidence:0.000} | {Cell(e.Text)} | {Cell(drivers)} |"));
        }

        return sb.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
