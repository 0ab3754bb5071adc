using System.Globalization;
using System.Net;
using System.Text;

namespace StanceML.Training.Evaluation;

/// <summary>
/// Renders an <see cref="EvaluationReport"/> as one self-contained HTML page: inline CSS and SVG
/// charts, no scripts, fonts or images from outside, so it opens offline in any browser. Every
/// number shown is read from the report, and the headline numbers carry a <c>data-metric</c>
/// attribute so tests can check them against report.json.
/// </summary>
internal static class HtmlReportWriter
{
    // Longer tables show their first rows and fold the rest into a <details> element.
    private const int ArticlesShownOpen = 25;
    private const int ErrorsShownOpen = 50;
    private const int DisagreementsShownOpen = 25;

    private static readonly string[] LabelColours = ["#3b6ea8", "#d9822b", "#6b8e23"];

    public static string Render(EvaluationReport report)
    {
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>StanceML evaluation: ").Append(E(Path.GetFileName(report.Model))).Append(" on ").Append(E(Path.GetFileName(report.Data))).Append("</title>\n")
            .Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");

        Header(html, report);
        Summary(html, report);
        PerClass(html, report);
        Confusion(html, report);
        Calibration(html, report);
        if (report.CrossValidation is { } cv)
        {
            Folds(html, cv);
        }

        if (report.Comparison is { } comparison)
        {
            Compare(html, report, comparison);
        }

        Articles(html, report);
        Errors(html, report);
        html.Append("<footer>Written by <code>stanceml evaluate</code>. Numbers match report.json and report.md, which come from the same computation.</footer>\n");
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Header(StringBuilder html, EvaluationReport r)
    {
        html.Append("<header>\n<h1>StanceML evaluation report</h1>\n<dl class=\"identity\">\n");
        Identity(html, "Model", r.Model, r.ModelFile);
        Identity(html, "Data", r.Data, r.DataFile);
        html.Append("<dt>Scoring</dt><dd>")
            .Append(r.Scoring == "article" ? "each article's sentences together (article-aware)" : "each sentence on its own")
            .Append("</dd>\n");
        if (r.Generated is { } generated)
        {
            html.Append("<dt>Generated</dt><dd>").Append(generated.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append("</dd>\n");
        }

        html.Append("</dl>\n</header>\n");
    }

    private static void Identity(StringBuilder html, string title, string name, FileIdentity? file)
    {
        html.Append("<dt>").Append(title).Append("</dt><dd><code>").Append(E(name)).Append("</code>");
        if (file is not null)
        {
            html.Append(" <span class=\"muted\">sha256 <code title=\"").Append(E(file.Sha256)).Append("\">").Append(E(file.Sha256[..Math.Min(12, file.Sha256.Length)])).Append("</code>");
            if (file.Modified is { } modified)
            {
                html.Append(", modified ").Append(modified.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
            }

            html.Append("</span>");
        }

        html.Append("</dd>\n");
    }

    private static void Summary(StringBuilder html, EvaluationReport r)
    {
        html.Append("<section class=\"cards\">\n");
        Card(html, "Macro-F1", Metric("macroF1", r.MacroF1), Invariant($"95% interval {r.MacroF1Interval.Lower:0.000}–{r.MacroF1Interval.Upper:0.000} ({r.MacroF1Interval.Resamples} bootstrap resamples of {(r.Articles > 1 ? "articles" : "sentences")})"), "primary");
        Card(html, "Accuracy", Metric("accuracy", r.Accuracy), Invariant($"{r.Count - r.ErrorCount} of {r.Count} sentences right"));
        Card(html, "Sentences", Metric("count", r.Count), r.Articles > 0 ? Invariant($"in {r.Articles} articles") : "no article ids", null, Metric("articles", r.Articles, hidden: true));
        Card(html, "Calibration error", Metric("ece", r.ExpectedCalibrationError), "expected |accuracy − confidence| over 10 bins");
        if (r.CrossValidation is { } cv)
        {
            Card(html, Invariant($"{cv.Folds}-fold macro-F1"), Metric("cv.macroF1Mean", cv.MacroF1Mean) + " <small>± " + Metric("cv.macroF1Std", cv.MacroF1Std) + "</small>", "mean ± std over folds, grouped by article");
        }

        html.Append("</section>\n");
    }

    private static void Card(StringBuilder html, string title, string value, string note, string? kind = null, string extra = "")
    {
        html.Append("<div class=\"card").Append(kind is null ? string.Empty : " " + kind).Append("\"><div class=\"card-title\">").Append(title)
            .Append("</div><div class=\"card-value\">").Append(value).Append("</div><div class=\"card-note\">").Append(E(note)).Append("</div>").Append(extra).Append("</div>\n");
    }

    private static void PerClass(StringBuilder html, EvaluationReport r)
    {
        html.Append("<section>\n<h2>Per class</h2>\n<div class=\"row\">\n<table class=\"metrics\">\n<thead><tr><th>label</th><th>precision</th><th>recall</th><th>F1</th><th>support</th><th>predicted</th></tr></thead>\n<tbody>\n");
        var i = 0;
        foreach (var (label, m) in r.PerClass)
        {
            html.Append("<tr><td><span class=\"swatch\" style=\"background:").Append(LabelColours[i++ % LabelColours.Length]).Append("\"></span>").Append(E(label)).Append("</td>")
                .Append("<td>").Append(Metric("precision." + label, m.Precision)).Append("</td>")
                .Append("<td>").Append(Metric("recall." + label, m.Recall)).Append("</td>")
                .Append("<td><b>").Append(Metric("f1." + label, m.F1)).Append("</b></td>")
                .Append("<td>").Append(Metric("support." + label, m.Support)).Append("</td>")
                .Append("<td>").Append(m.Predicted.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");

        // Grouped horizontal bars: precision, recall, F1 of each label on a 0–1 axis.
        const int left = 90, width = 360, barHeight = 12, groupGap = 16;
        var labels = r.PerClass.Keys.ToList();
        var height = 30 + (labels.Count * ((3 * barHeight) + groupGap));
        var svg = new Svg(left + width + 60, height, "Precision, recall and F1 per label");
        for (var t = 0; t <= 10; t += 2)
        {
            var x = left + (width * t / 10.0);
            svg.Line(x, 8, x, height - 18, "grid");
            svg.Text(x, height - 4, (t / 10.0).ToString("0.0", CultureInfo.InvariantCulture), "axis", "middle");
        }

        var y = 12.0;
        var measures = new (string Name, Func<ClassMetrics, double> Value, string Css)[] { ("P", m => m.Precision, "bar-p"), ("R", m => m.Recall, "bar-r"), ("F1", m => m.F1, "bar-f") };
        foreach (var label in labels)
        {
            svg.Text(left - 8, y + (1.5 * barHeight) + 4, label, "label", "end");
            foreach (var (name, value, css) in measures)
            {
                var v = value(r.PerClass[label]);
                svg.Rect(left, y, width * v, barHeight - 2, css, Invariant($"{label} {name} {v:0.000}"));
                svg.Text(left + (width * v) + 4, y + barHeight - 3, Invariant($"{name} {v:0.00}"), "value");
                y += barHeight;
            }

            y += groupGap;
        }

        html.Append("<figure>").Append(svg).Append("<figcaption><span class=\"key bar-p\"></span>precision <span class=\"key bar-r\"></span>recall <span class=\"key bar-f\"></span>F1</figcaption></figure>\n");
        html.Append("</div>\n</section>\n");
    }

    private static void Confusion(StringBuilder html, EvaluationReport r)
    {
        var labels = r.ConfusionMatrix.Labels;
        const int cell = 104, left = 110, top = 56;
        var size = labels.Count * cell;
        var svg = new Svg(left + size + 20, top + size + 20, "Confusion matrix: rows are gold labels, columns predicted labels");
        svg.Text(left + (size / 2.0), 16, "predicted", "axis-title", "middle");
        svg.Text(14, top + (size / 2.0), "gold", "axis-title", "middle", rotate: true);
        for (var c = 0; c < labels.Count; c++)
        {
            svg.Text(left + (c * cell) + (cell / 2.0), top - 10, labels[c], "label", "middle");
        }

        for (var row = 0; row < labels.Count; row++)
        {
            svg.Text(left - 10, top + (row * cell) + (cell / 2.0) + 4, labels[row], "label", "end");
            var total = r.ConfusionMatrix.Counts[row].Sum();
            for (var c = 0; c < labels.Count; c++)
            {
                var count = r.ConfusionMatrix.Counts[row][c];
                var share = total == 0 ? 0 : (double)count / total;
                var fill = row == c ? Shade(59, 110, 168, share) : Shade(200, 70, 50, share);
                double x = left + (c * cell), cy = top + (row * cell);
                svg.RawRect(x, cy, cell - 3, cell - 3, fill, Invariant($"gold {labels[row]}, predicted {labels[c]}: {count} ({share:0.0%} of the row)"));
                var ink = share > 0.45 ? "ink-light" : "ink-dark";
                svg.Text(x + (cell / 2.0), cy + (cell / 2.0), count.ToString(CultureInfo.InvariantCulture), "cell-count " + ink, "middle", metric: $"confusion.{labels[row]}.{labels[c]}");
                svg.Text(x + (cell / 2.0), cy + (cell / 2.0) + 20, share.ToString("0.0%", CultureInfo.InvariantCulture), "cell-share " + ink, "middle");
            }
        }

        html.Append("<section>\n<h2>Confusion matrix</h2>\n<p class=\"lead\">Rows are the gold labels, columns the predicted ones; each cell shows the count and its share of the row (the row's recall on the diagonal). Blue cells are right, red ones the confusions.</p>\n");
        html.Append("<figure>").Append(svg).Append("</figure>\n</section>\n");
    }

    private static void Calibration(StringBuilder html, EvaluationReport r)
    {
        const int left = 50, top = 14, plot = 300, histogram = 60;
        var svg = new Svg(left + plot + 30, top + plot + histogram + 50, "Reliability diagram: accuracy against confidence");
        for (var t = 0; t <= 10; t += 2)
        {
            var v = t / 10.0;
            svg.Line(left, top + plot - (plot * v), left + plot, top + plot - (plot * v), "grid");
            svg.Text(left - 6, top + plot - (plot * v) + 4, v.ToString("0.0", CultureInfo.InvariantCulture), "axis", "end");
            svg.Text(left + (plot * v), top + plot + histogram + 22, v.ToString("0.0", CultureInfo.InvariantCulture), "axis", "middle");
        }

        svg.Line(left, top + plot, left + plot, top, "diagonal");
        var maxCount = Math.Max(1, r.Calibration.Max(b => b.Count));
        foreach (var bin in r.Calibration)
        {
            double x = left + (plot * bin.Lower), w = plot * (bin.Upper - bin.Lower);
            if (bin.Count > 0)
            {
                svg.Rect(x + 1, top + plot - (plot * bin.Accuracy), w - 2, plot * bin.Accuracy, "bar-acc",
                    Invariant($"confidence {bin.Lower:0.0}–{bin.Upper:0.0}: {bin.Count} predictions, mean confidence {bin.MeanConfidence:0.000}, accuracy {bin.Accuracy:0.000}"));
                var confidenceY = top + plot - (plot * bin.MeanConfidence);
                svg.Line(x + 1, confidenceY, x + w - 1, confidenceY, "confidence-mark");
            }

            var h = (histogram - 8) * bin.Count / (double)maxCount;
            svg.Rect(x + 1, top + plot + histogram - h, w - 2, h, "bar-count", Invariant($"{bin.Count} predictions with confidence {bin.Lower:0.0}–{bin.Upper:0.0}"));
        }

        svg.Text(left + (plot / 2.0), top + plot + histogram + 40, "confidence of the predicted label", "axis-title", "middle");
        svg.Text(12, top + (plot / 2.0), "accuracy", "axis-title", "middle", rotate: true);

        html.Append("<section>\n<h2>Calibration</h2>\n<div class=\"row\">\n<figure>").Append(svg)
            .Append("<figcaption><span class=\"key bar-acc\"></span>accuracy of the predictions in each bin; <span class=\"key confidence-mark\"></span>their mean confidence; the dashed diagonal is perfect calibration; the grey bars below count the predictions per bin.</figcaption></figure>\n");
        html.Append("<div>\n<p class=\"lead\">A confidence of 0.8 should be right about 80% of the time. Expected calibration error: <b>")
            .Append(Metric("ece", r.ExpectedCalibrationError)).Append("</b>.</p>\n");
        html.Append("<table class=\"metrics\">\n<thead><tr><th>confidence</th><th>count</th><th>mean confidence</th><th>accuracy</th></tr></thead>\n<tbody>\n");
        foreach (var bin in r.Calibration.Where(b => b.Count > 0))
        {
            html.Append(Invariant($"<tr><td>{bin.Lower:0.0}–{bin.Upper:0.0}</td><td>{bin.Count}</td><td>{bin.MeanConfidence:0.000}</td><td>{bin.Accuracy:0.000}</td></tr>\n"));
        }

        html.Append("</tbody>\n</table>\n</div>\n</div>\n</section>\n");
    }

    private static void Folds(StringBuilder html, FoldSummary cv)
    {
        const int left = 50, barWidth = 44, gap = 14, top = 10, plot = 180;
        var width = left + (cv.MacroF1PerFold.Count * (barWidth + gap)) + 20;
        var svg = new Svg(width, top + plot + 30, "Macro-F1 of each fold");
        var low = Math.Max(0, Math.Floor((cv.MacroF1PerFold.Min() - 0.1) * 10) / 10);
        double Y(double v) => top + plot - (plot * (v - low) / (1 - low));
        for (var v = low; v <= 1.0001; v += 0.1)
        {
            svg.Line(left, Y(v), width - 10, Y(v), "grid");
            svg.Text(left - 6, Y(v) + 4, v.ToString("0.0", CultureInfo.InvariantCulture), "axis", "end");
        }

        svg.Rect(left, Y(Math.Min(1, cv.MacroF1Mean + cv.MacroF1Std)), width - 10 - left, Y(cv.MacroF1Mean - cv.MacroF1Std) - Y(Math.Min(1, cv.MacroF1Mean + cv.MacroF1Std)), "band", "mean ± std");
        for (var f = 0; f < cv.MacroF1PerFold.Count; f++)
        {
            var v = cv.MacroF1PerFold[f];
            var x = left + gap + (f * (barWidth + gap));
            svg.Rect(x, Y(v), barWidth, Y(low) - Y(v), "bar-f", Invariant($"fold {f + 1}: {v:0.000}"));
            svg.Text(x + (barWidth / 2.0), Y(v) - 4, v.ToString("0.000", CultureInfo.InvariantCulture), "value", "middle");
            svg.Text(x + (barWidth / 2.0), top + plot + 16, Invariant($"fold {f + 1}"), "axis", "middle");
        }

        svg.Line(left, Y(cv.MacroF1Mean), width - 10, Y(cv.MacroF1Mean), "mean");

        html.Append("<section>\n<h2>Cross-validation</h2>\n<div class=\"row\">\n<figure>").Append(svg).Append("<figcaption>Macro-F1 per fold; the line is the mean, the band ± one standard deviation.</figcaption></figure>\n");
        html.Append("<table class=\"metrics\">\n<thead><tr><th>metric</th><th>mean</th><th>std</th></tr></thead>\n<tbody>\n");
        html.Append(Invariant($"<tr><td>macro-F1</td><td>{cv.MacroF1Mean:0.000}</td><td>{cv.MacroF1Std:0.000}</td></tr>\n"));
        html.Append(Invariant($"<tr><td>accuracy</td><td>{cv.AccuracyMean:0.000}</td><td>{cv.AccuracyStd:0.000}</td></tr>\n"));
        foreach (var (label, spread) in cv.PerClassF1)
        {
            html.Append(Invariant($"<tr><td>F1 {E(label)}</td><td>{spread.Mean:0.000}</td><td>{spread.Std:0.000}</td></tr>\n"));
        }

        html.Append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    private static void Compare(StringBuilder html, EvaluationReport r, ModelComparison c)
    {
        var o = c.Other;
        html.Append("<section>\n<h2>Comparison</h2>\n<p class=\"lead\">The same ").Append(r.Count.ToString(CultureInfo.InvariantCulture))
            .Append(" sentences scored by <code>").Append(E(r.Model)).Append("</code> (this report) and <code>").Append(E(o.Model)).Append("</code> (other).</p>\n");
        html.Append("<div class=\"row\">\n<table class=\"metrics\">\n<thead><tr><th>metric</th><th>this</th><th>other</th><th>Δ</th></tr></thead>\n<tbody>\n");
        void Line(string name, string key, double mine, double theirs)
        {
            var delta = c.Deltas[key];
            html.Append("<tr><td>").Append(E(name)).Append("</td><td>").Append(F(mine)).Append("</td><td>").Append(F(theirs))
                .Append("</td><td class=\"").Append(delta > 0 ? "up" : delta < 0 ? "down" : string.Empty).Append("\">")
                .Append(Metric("delta." + key, delta, signed: true)).Append("</td></tr>\n");
        }

        Line("macro-F1", "macroF1", r.MacroF1, o.MacroF1);
        Line("accuracy", "accuracy", r.Accuracy, o.Accuracy);
        foreach (var label in r.PerClass.Keys)
        {
            Line("F1 " + label, "f1." + label, r.PerClass[label].F1, o.PerClass[label].F1);
        }

        html.Append(Invariant($"<tr><td>macro-F1 95% interval</td><td>{r.MacroF1Interval.Lower:0.000}–{r.MacroF1Interval.Upper:0.000}</td><td>{o.MacroF1Interval.Lower:0.000}–{o.MacroF1Interval.Upper:0.000}</td><td></td></tr>\n"));
        html.Append(Invariant($"<tr><td>calibration error</td><td>{r.ExpectedCalibrationError:0.000}</td><td>{o.ExpectedCalibrationError:0.000}</td><td></td></tr>\n"));
        html.Append("</tbody>\n</table>\n");

        var m = c.McNemar;
        var verdict = m.PValue < 0.05
            ? (m.OnlyBaseRight > m.OnlyOtherRight ? "This model is right significantly more often" : "The other model is right significantly more often")
            : "No significant difference in which sentences they get right";
        html.Append("<div class=\"mcnemar\">\n<h3>McNemar's test</h3>\n<table class=\"metrics\">\n<tbody>\n")
            .Append("<tr><td>only this model right</td><td>").Append(Metric("mcnemar.b", m.OnlyBaseRight)).Append("</td></tr>\n")
            .Append("<tr><td>only the other right</td><td>").Append(Metric("mcnemar.c", m.OnlyOtherRight)).Append("</td></tr>\n")
            .Append(Invariant($"<tr><td>both right / both wrong</td><td>{m.BothRight} / {m.BothWrong}</td></tr>\n"))
            .Append(Invariant($"<tr><td>χ² (continuity-corrected)</td><td>{m.ChiSquared:0.00}</td></tr>\n"))
            .Append("<tr><td>p (exact, two-sided)</td><td>").Append(Metric("mcnemar.p", m.PValue, format: "0.0000")).Append("</td></tr>\n")
            .Append("</tbody>\n</table>\n<p>").Append(E(verdict)).Append(" (α = 0.05). The test looks only at the sentences where exactly one model is right; it treats sentences as independent, which sentences of one article are not quite.</p>\n</div>\n</div>\n");

        html.Append(Invariant($"<h3>Where they disagree ({c.DisagreementCount} sentences; {c.Disagreements.Count} shown, those where one is right first)</h3>\n"));
        var shown = 0;
        html.Append("<table class=\"sentences\">\n<thead><tr><th>article</th><th>#</th><th>gold</th><th>this</th><th>other</th><th>sentence</th></tr></thead>\n<tbody>\n");
        foreach (var d in c.Disagreements)
        {
            if (shown++ == DisagreementsShownOpen)
            {
                html.Append(Invariant($"</tbody>\n</table>\n<details><summary>the other {c.Disagreements.Count - DisagreementsShownOpen} disagreements</summary>\n<table class=\"sentences\">\n<tbody>\n"));
            }

            html.Append("<tr><td class=\"id\">").Append(E(d.ArticleId)).Append("</td><td>").Append(d.SentenceIndex.ToString(CultureInfo.InvariantCulture)).Append("</td>")
                .Append("<td>").Append(Tag(d.Gold)).Append("</td>")
                .Append("<td class=\"").Append(d.Predicted == d.Gold ? "right" : "wrong").Append("\">").Append(Tag(d.Predicted)).Append(Invariant($" <small>{d.Confidence:0.00}</small>")).Append("</td>")
                .Append("<td class=\"").Append(d.OtherPredicted == d.Gold ? "right" : "wrong").Append("\">").Append(Tag(d.OtherPredicted)).Append(Invariant($" <small>{d.OtherConfidence:0.00}</small>")).Append("</td>")
                .Append("<td class=\"text\">").Append(E(d.Text)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n").Append(shown > DisagreementsShownOpen ? "</details>\n" : string.Empty).Append("</section>\n");
    }

    private static void Articles(StringBuilder html, EvaluationReport r)
    {
        if (r.PerArticle.Count == 0)
        {
            return;
        }

        html.Append("<section>\n<h2>Per article</h2>\n<p class=\"lead\">Accuracy of each of the ").Append(r.PerArticle.Count.ToString(CultureInfo.InvariantCulture))
            .Append(" articles, worst first.</p>\n");
        void Table(IEnumerable<ArticleScore> articles)
        {
            html.Append("<table class=\"articles\">\n<thead><tr><th>article</th><th>sentences</th><th>right</th><th>accuracy</th></tr></thead>\n<tbody>\n");
            foreach (var a in articles)
            {
                html.Append("<tr><td>").Append(E(a.ArticleId)).Append("</td><td>").Append(a.Sentences.ToString(CultureInfo.InvariantCulture))
                    .Append("</td><td>").Append(a.Correct.ToString(CultureInfo.InvariantCulture))
                    .Append(Invariant($"</td><td><div class=\"meter\"><div style=\"width:{a.Accuracy * 100:0.#}%\"></div></div> {a.Accuracy:0.000}</td></tr>\n"));
            }

            html.Append("</tbody>\n</table>\n");
        }

        Table(r.PerArticle.Take(ArticlesShownOpen));
        if (r.PerArticle.Count > ArticlesShownOpen)
        {
            html.Append(Invariant($"<details><summary>the other {r.PerArticle.Count - ArticlesShownOpen} articles</summary>\n"));
            Table(r.PerArticle.Skip(ArticlesShownOpen));
            html.Append("</details>\n");
        }

        html.Append("</section>\n");
    }

    private static void Errors(StringBuilder html, EvaluationReport r)
    {
        html.Append("<section>\n<h2>Errors</h2>\n<p class=\"lead\">")
            .Append(r.Errors.Count == r.ErrorCount
                ? Invariant($"{r.ErrorCount} sentences wrong, all listed, most confident first. ")
                : Invariant($"{r.ErrorCount} sentences wrong; the {r.Errors.Count} most confident are listed. "))
            .Append("Under each, the words and article cues that most raised the wrong label's probability (the fall when each is taken away), and the most similar training sentences with their gold labels.</p>\n");
        html.Append("<table class=\"sentences\">\n<thead><tr><th>article</th><th>#</th><th>gold</th><th>predicted</th><th>conf.</th><th>sentence and what drove the label</th></tr></thead>\n<tbody>\n");
        var shown = 0;
        foreach (var e in r.Errors)
        {
            if (shown++ == ErrorsShownOpen)
            {
                html.Append(Invariant($"</tbody>\n</table>\n<details><summary>the other {r.Errors.Count - ErrorsShownOpen} errors</summary>\n<table class=\"sentences\">\n<tbody>\n"));
            }

            html.Append("<tr><td class=\"id\">").Append(E(e.ArticleId)).Append("</td><td>").Append(e.SentenceIndex.ToString(CultureInfo.InvariantCulture)).Append("</td>")
                .Append("<td>").Append(Tag(e.Gold)).Append("</td><td>").Append(Tag(e.Predicted)).Append("</td>")
                .Append("<td>").Append(e.Confidence.ToString("0.00", CultureInfo.InvariantCulture)).Append("</td>")
                .Append("<td class=\"text\">").Append(E(e.Text));
            var meaning = e.Meaning is { Effect: >= ModelEvaluator.MinimumEffect } m ? m : null;
            if (e.Terms.Count + e.Cues.Count > 0 || meaning is not null)
            {
                html.Append("<div class=\"drivers\">");
                foreach (var t in e.Terms)
                {
                    html.Append("<span class=\"chip word\">").Append(E(t.Feature)).Append(Invariant($" <small>{t.Effect:+0.00;-0.00}</small></span>"));
                }

                foreach (var cue in e.Cues)
                {
                    html.Append("<span class=\"chip cue\">").Append(E(cue.Feature)).Append(Invariant($" <small>{cue.Effect:+0.00;-0.00}</small></span>"));
                }

                if (meaning is not null)
                {
                    html.Append("<span class=\"chip cue\">").Append(E(meaning.Feature)).Append(Invariant($" <small>{meaning.Effect:+0.00;-0.00}</small></span>"));
                }

                html.Append("</div>");
            }

            foreach (var n in e.Neighbours)
            {
                html.Append("<div class=\"neighbour\">nearest training sentence ").Append(Tag(n.Label))
                    .Append(Invariant($" <small>{n.Similarity:0.00}</small> ")).Append(E(n.Text)).Append("</div>");
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n").Append(shown > ErrorsShownOpen ? "</details>\n" : string.Empty).Append("</section>\n");
    }

    private static string Tag(string label) => $"<span class=\"tag tag-{E(label)}\">{E(label)}</span>";

    private static string Metric(string name, double value, bool signed = false, string format = "0.000", bool hidden = false) =>
        $"<span data-metric=\"{E(name)}\"{(hidden ? " hidden" : string.Empty)}>{(signed ? value.ToString("+" + format + ";-" + format + ";" + format, CultureInfo.InvariantCulture) : value.ToString(format, CultureInfo.InvariantCulture))}</span>";

    private static string Metric(string name, int value, bool hidden = false) =>
        $"<span data-metric=\"{E(name)}\"{(hidden ? " hidden" : string.Empty)}>{value.ToString(CultureInfo.InvariantCulture)}</span>";

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Shade(int r, int g, int b, double share)
    {
        // From near-white at 0 to the full colour at 1.
        var t = 0.08 + (0.92 * share);
        int Mix(int channel) => (int)Math.Round(255 - ((255 - channel) * t));
        return $"rgb({Mix(r)},{Mix(g)},{Mix(b)})";
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>A small inline SVG builder; coordinates in CSS pixels.</summary>
    private sealed class Svg(double width, double height, string title)
    {
        private readonly StringBuilder _body = new();

        public void Line(double x1, double y1, double x2, double y2, string css) =>
            _body.Append(Invariant($"<line x1=\"{x1:0.#}\" y1=\"{y1:0.#}\" x2=\"{x2:0.#}\" y2=\"{y2:0.#}\" class=\"{css}\"/>"));

        public void Rect(double x, double y, double w, double h, string css, string tooltip) =>
            _body.Append(Invariant($"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{Math.Max(0, w):0.#}\" height=\"{Math.Max(0, h):0.#}\" class=\"{css}\"><title>{E(tooltip)}</title></rect>"));

        public void RawRect(double x, double y, double w, double h, string fill, string tooltip) =>
            _body.Append(Invariant($"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{w:0.#}\" height=\"{h:0.#}\" rx=\"4\" fill=\"{fill}\"><title>{E(tooltip)}</title></rect>"));

        public void Text(double x, double y, string text, string css, string anchor = "start", bool rotate = false, string? metric = null)
        {
            var transform = rotate ? Invariant($" transform=\"rotate(-90 {x:0.#} {y:0.#})\"") : string.Empty;
            var data = metric is null ? string.Empty : $" data-metric=\"{E(metric)}\"";
            _body.Append(Invariant($"<text x=\"{x:0.#}\" y=\"{y:0.#}\" class=\"{css}\" text-anchor=\"{anchor}\"{transform}{data}>{E(text)}</text>"));
        }

        public override string ToString() =>
            Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:0}\" height=\"{height:0}\" viewBox=\"0 0 {width:0} {height:0}\" role=\"img\" aria-label=\"{E(title)}\"><title>{E(title)}</title>") + _body + "</svg>";
    }

    private const string Css = """

        :root { --ink: #1f2933; --muted: #65717e; --line: #d9dee4; --bg: #f6f7f9; --blue: #3b6ea8; --orange: #d9822b; --green: #4d7c0f; --red: #b23b2a; }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 40px; }
        h1 { font-size: 26px; margin: 0 0 10px; }
        h2 { font-size: 19px; margin: 0 0 10px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
        h3 { font-size: 15px; margin: 16px 0 8px; }
        section, header { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 18px 22px; margin: 0 0 18px; }
        .identity { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
        .identity dt { color: var(--muted); }
        .identity dd { margin: 0; word-break: break-all; }
        code { font: 13px ui-monospace, "DejaVu Sans Mono", monospace; background: #eef1f4; padding: 1px 4px; border-radius: 4px; }
        .muted, small { color: var(--muted); }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 12px; background: none; border: none; padding: 0; }
        .card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
        .card.primary { border-top: 4px solid var(--blue); }
        .card-title { color: var(--muted); font-size: 13px; text-transform: uppercase; letter-spacing: .04em; }
        .card-value { font-size: 30px; font-weight: 650; margin: 2px 0; }
        .card-value { white-space: nowrap; }
        .card-value small { font-size: 17px; }
        .card-note { color: var(--muted); font-size: 12.5px; }
        .row { display: flex; flex-wrap: wrap; gap: 28px; align-items: flex-start; }
        .row > div { flex: 1 1 320px; min-width: 0; }
        .lead { color: var(--muted); margin: 0 0 12px; }
        figure { margin: 0; }
        figcaption { color: var(--muted); font-size: 12.5px; max-width: 460px; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        th { text-align: left; font-weight: 600; color: var(--muted); font-size: 12.5px; border-bottom: 2px solid var(--line); padding: 6px 10px; }
        td { border-bottom: 1px solid var(--line); padding: 6px 10px; vertical-align: top; }
        table.metrics td:not(:first-child) { text-align: right; }
        table.sentences, table.articles { width: 100%; }
        td.text { width: 66%; }
        td.id { font-size: 12px; color: var(--muted); overflow-wrap: anywhere; width: 150px; min-width: 110px; }
        .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
        .tag { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12.5px; color: #fff; }
        .tag-proposal { background: var(--blue); } .tag-reaction { background: var(--orange); } .tag-context { background: #6b7785; }
        td.right .tag { box-shadow: 0 0 0 2px var(--green); } td.wrong .tag { opacity: .75; }
        .up { color: var(--green); font-weight: 600; } .down { color: var(--red); font-weight: 600; }
        .drivers { margin-top: 5px; display: flex; flex-wrap: wrap; gap: 4px; }
        .chip { font-size: 12px; padding: 1px 7px; border-radius: 9px; border: 1px solid var(--line); }
        .chip.word { background: #eef3fa; } .chip.cue { background: #fbf1e6; }
        .neighbour { margin-top: 4px; font-size: 12.5px; color: var(--muted); } .neighbour .tag { font-size: 11px; }
        .meter { display: inline-block; width: 120px; height: 9px; background: #f3d9d4; border-radius: 5px; vertical-align: middle; margin-right: 6px; overflow: hidden; }
        .meter div { height: 100%; background: var(--blue); }
        .mcnemar { max-width: 420px; }
        details summary { cursor: pointer; color: var(--blue); margin: 10px 0; }
        footer { color: var(--muted); font-size: 12.5px; text-align: center; }
        svg { font-family: inherit; overflow: visible; }
        svg .grid { stroke: #e8ebef; } svg .diagonal { stroke: #8a949f; stroke-dasharray: 5 4; }
        svg .axis { fill: var(--muted); font-size: 11px; } svg .axis-title { fill: var(--muted); font-size: 12px; }
        svg .label { fill: var(--ink); font-size: 13px; } svg .value { fill: var(--ink); font-size: 11px; }
        svg .bar-p, .key.bar-p { fill: #9dbbe0; background: #9dbbe0; } svg .bar-r, .key.bar-r { fill: #f0b27a; background: #f0b27a; }
        svg .bar-f, .key.bar-f { fill: var(--blue); background: var(--blue); }
        svg .bar-acc, .key.bar-acc { fill: var(--blue); background: var(--blue); } svg .confidence-mark { stroke: var(--red); stroke-width: 3; } .key.confidence-mark { background: var(--red); height: 3px; vertical-align: middle; }
        svg .bar-count { fill: #b9c1ca; } svg .band { fill: rgba(59, 110, 168, .12); } svg .mean { stroke: var(--red); stroke-width: 2; }
        svg .cell-count { font-size: 20px; font-weight: 650; } svg .cell-share { font-size: 12px; }
        svg .ink-light { fill: #fff; } svg .ink-dark { fill: var(--ink); }
        .key { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 3px 0 8px; vertical-align: baseline; }

        """;
}
