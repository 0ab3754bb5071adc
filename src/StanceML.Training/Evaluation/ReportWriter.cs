using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using StanceML.Training.Cli;

namespace StanceML.Training.Evaluation;

/// <summary>Writes an <see cref="EvaluationReport"/> as report.json, report.md and a terminal summary.</summary>
internal static class ReportWriter
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Writes DIR/report.json and DIR/report.md, each atomically.</summary>
    public static async Task WriteAsync(EvaluationReport report, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await AtomicFile.WriteAllTextAsync(Path.Combine(directory, "report.json"), JsonSerializer.Serialize(report, Json) + "\n", cancellationToken);
        await AtomicFile.WriteAllTextAsync(Path.Combine(directory, "report.md"), ToMarkdown(report), cancellationToken);
    }

    /// <summary>The short table printed on stdout.</summary>
    public static string Summary(EvaluationReport report)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Invariant($"{report.Count} sentences, {report.Articles} articles: accuracy {report.Accuracy:0.000}, macro-F1 {report.MacroF1:0.000}, ECE {report.ExpectedCalibrationError:0.000}"));
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

        return sb.ToString();
    }

    public static string ToMarkdown(EvaluationReport report)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# StanceML evaluation report").AppendLine();
        sb.AppendLine(Invariant($"- model: `{report.Model}`"));
        sb.AppendLine(Invariant($"- data: `{report.Data}` (sha256 `{report.DataSha256[..Math.Min(12, report.DataSha256.Length)]}`)"));
        sb.AppendLine(Invariant($"- sentences: {report.Count}, articles: {report.Articles}"));
        sb.AppendLine(Invariant($"- accuracy: **{report.Accuracy:0.000}**, macro-F1: **{report.MacroF1:0.000}**"));
        sb.AppendLine(Invariant($"- expected calibration error: {report.ExpectedCalibrationError:0.000}"));
        if (report.CrossValidation is { } cv)
        {
            sb.AppendLine(Invariant($"- {cv.Folds}-fold cross-validation by article: macro-F1 {cv.MacroF1Mean:0.000} ± {cv.MacroF1Std:0.000} (folds: {string.Join(", ", cv.MacroF1PerFold.Select(f => f.ToString("0.000", CultureInfo.InvariantCulture)))})"));
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

        sb.AppendLine().AppendLine(Invariant($"## Errors, most confident first ({report.Errors.Count} shown)")).AppendLine();
        sb.AppendLine("| article | # | gold | predicted | confidence | sentence |").AppendLine("|---|---:|---|---|---:|---|");
        foreach (var e in report.Errors)
        {
            sb.AppendLine(Invariant($"| {e.ArticleId} | {e.SentenceIndex} | {e.Gold} | {e.Predicted} | {e.Confidence:0.000} | {e.Text.Replace("|", "\\|").ReplaceLineEndings(" ")} |"));
        }

        return sb.ToString();
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
