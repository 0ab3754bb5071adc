using StanceML.Training.Corpus;

namespace StanceML.Training.Evaluation;

/// <summary>Computes classification metrics from gold rows and predictions (ML.NET gives no F1).</summary>
internal static class MetricsCalculator
{
    private const int CalibrationBins = 10;

    /// <summary>Bootstrap resamples behind <see cref="EvaluationReport.MacroF1Interval"/>.</summary>
    public const int BootstrapResamples = 1000;

    // Fixed so that the same predictions always give the same interval.
    private const int BootstrapSeed = 20261125;

    /// <summary>
    /// Metrics over <paramref name="rows"/> and their <paramref name="predictions"/> (same order).
    /// A label with no predictions has precision 0; a label absent from the gold data has recall 0
    /// and is left out of macro-F1, which averages over the labels present in the gold data.
    /// </summary>
    public static EvaluationReport Compute(
        IReadOnlyList<CorpusRow> rows,
        IReadOnlyList<StancePrediction> predictions,
        string model,
        string data,
        string dataSha256,
        int maxErrors = 200)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(predictions.Count, rows.Count, nameof(predictions));
        var labels = StanceLabels.All;
        var counts = new int[labels.Count, labels.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            counts[Index(rows[i].Label), Index(predictions[i].Label)]++;
        }

        var (perClass, macroF1, correct) = FromCounts(counts);
        var bins = Calibrate(rows, predictions);
        var ece = rows.Count == 0 ? 0 : bins.Sum(b => b.Count * Math.Abs(b.Accuracy - b.MeanConfidence)) / rows.Count;
        var wrong = rows.Select((r, i) => (Row: r, Prediction: predictions[i]))
            .Where(x => x.Row.Label != x.Prediction.Label)
            .ToList();
        var errors = wrong
            .OrderByDescending(x => x.Prediction.Confidence)
            .ThenBy(x => x.Row.Line)
            .Take(maxErrors)
            .Select(x => new ErrorExample(x.Row.ArticleId, x.Row.SentenceIndex, x.Row.Text, x.Row.Label.ToName(), x.Prediction.Label.ToName(), Math.Round(x.Prediction.Confidence, 4)))
            .ToList();

        return new EvaluationReport
        {
            Model = model,
            Data = data,
            DataSha256 = dataSha256,
            Count = rows.Count,
            Articles = rows.Where(r => r.ArticleId.Length > 0).Select(r => r.ArticleId).Distinct(StringComparer.Ordinal).Count(),
            Accuracy = rows.Count == 0 ? 0 : (double)correct / rows.Count,
            MacroF1 = macroF1,
            MacroF1Interval = Bootstrap(rows, predictions),
            PerClass = perClass,
            ConfusionMatrix = new ConfusionMatrix(
                labels.Select(l => l.ToName()).ToList(),
                Enumerable.Range(0, labels.Count).Select(r => (IReadOnlyList<int>)Enumerable.Range(0, labels.Count).Select(c => counts[r, c]).ToList()).ToList()),
            ExpectedCalibrationError = ece,
            Calibration = bins,
            PerArticle = PerArticle(rows, predictions),
            ErrorCount = wrong.Count,
            Errors = errors,
        };
    }

    /// <summary>
    /// Compares two models' predictions on the same rows: metric deltas (evaluated minus other),
    /// McNemar's test, and the sentences they label differently.
    /// </summary>
    public static ModelComparison Compare(
        EvaluationReport evaluated,
        EvaluationReport other,
        IReadOnlyList<CorpusRow> rows,
        IReadOnlyList<StancePrediction> predictions,
        IReadOnlyList<StancePrediction> otherPredictions,
        int maxDisagreements = 200)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(predictions.Count, rows.Count, nameof(predictions));
        ArgumentOutOfRangeException.ThrowIfNotEqual(otherPredictions.Count, rows.Count, nameof(otherPredictions));
        int b = 0, c = 0, both = 0, neither = 0;
        var disagreements = new List<(Disagreement Item, bool OneRight)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var right = predictions[i].Label == rows[i].Label;
            var otherRight = otherPredictions[i].Label == rows[i].Label;
            (b, c, both, neither) = (right, otherRight) switch
            {
                (true, false) => (b + 1, c, both, neither),
                (false, true) => (b, c + 1, both, neither),
                (true, true) => (b, c, both + 1, neither),
                _ => (b, c, both, neither + 1),
            };
            if (predictions[i].Label != otherPredictions[i].Label)
            {
                var row = rows[i];
                disagreements.Add((
                    new Disagreement(
                        row.ArticleId, row.SentenceIndex, row.Text, row.Label.ToName(),
                        predictions[i].Label.ToName(), Math.Round(predictions[i].Confidence, 4),
                        otherPredictions[i].Label.ToName(), Math.Round(otherPredictions[i].Confidence, 4)),
                    right != otherRight));
            }
        }

        var deltas = new Dictionary<string, double>
        {
            ["accuracy"] = evaluated.Accuracy - other.Accuracy,
            ["macroF1"] = evaluated.MacroF1 - other.MacroF1,
        };
        foreach (var (label, metrics) in evaluated.PerClass)
        {
            deltas["f1." + label] = metrics.F1 - other.PerClass[label].F1;
        }

        return new ModelComparison
        {
            Other = other with { Errors = [], PerArticle = [] },
            Deltas = deltas,
            McNemar = McNemar(b, c, both, neither),
            DisagreementCount = disagreements.Count,
            Disagreements = disagreements
                .OrderByDescending(d => d.OneRight)
                .ThenByDescending(d => Math.Max(d.Item.Confidence, d.Item.OtherConfidence))
                .Take(maxDisagreements)
                .Select(d => d.Item)
                .ToList(),
        };
    }

    /// <summary>
    /// McNemar's test from the discordant pairs <paramref name="b"/> (only the first model right)
    /// and <paramref name="c"/> (only the second right): the continuity-corrected chi-squared
    /// statistic and the exact two-sided binomial p-value.
    /// </summary>
    public static McNemarTest McNemar(int b, int c, int bothRight = 0, int bothWrong = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        var n = b + c;
        var chi = n == 0 ? 0 : Math.Pow(Math.Max(0, Math.Abs(b - c) - 1), 2) / n;
        // P(X <= min(b, c)) for X ~ Binomial(n, 1/2), doubled; summed in log space so large n cannot overflow.
        var k = Math.Min(b, c);
        var logTerm = -n * Math.Log(2);
        var tail = 0.0;
        for (var i = 0; i <= k; i++)
        {
            tail += Math.Exp(logTerm);
            logTerm += Math.Log(n - i) - Math.Log(i + 1);
        }

        return new McNemarTest(b, c, bothRight, bothWrong, chi, Math.Min(1, 2 * tail));
    }

    /// <summary>Mean and sample standard deviation.</summary>
    public static (double Mean, double Std) MeanStd(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return (0, 0);
        }

        var mean = values.Average();
        var std = values.Count < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return (mean, std);
    }

    private static int Index(StanceLabel label)
    {
        var labels = StanceLabels.All;
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] == label)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(label), label, "not a StanceML label.");
    }

    private static (Dictionary<string, ClassMetrics> PerClass, double MacroF1, int Correct) FromCounts(int[,] counts)
    {
        var labels = StanceLabels.All;
        var perClass = new Dictionary<string, ClassMetrics>();
        var f1s = new List<double>();
        var correct = 0;
        for (var k = 0; k < labels.Count; k++)
        {
            var tp = counts[k, k];
            correct += tp;
            var support = Enumerable.Range(0, labels.Count).Sum(j => counts[k, j]);
            var predicted = Enumerable.Range(0, labels.Count).Sum(j => counts[j, k]);
            var precision = predicted == 0 ? 0 : (double)tp / predicted;
            var recall = support == 0 ? 0 : (double)tp / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass[labels[k].ToName()] = new ClassMetrics(precision, recall, f1, support, predicted);
            if (support > 0)
            {
                f1s.Add(f1);
            }
        }

        return (perClass, f1s.Count == 0 ? 0 : f1s.Average(), correct);
    }

    /// <summary>
    /// The 2.5th and 97.5th percentiles of macro-F1 over bootstrap resamples of whole articles
    /// (sentences of one article are not independent); rows without an article id are each their own group.
    /// </summary>
    private static Interval Bootstrap(IReadOnlyList<CorpusRow> rows, IReadOnlyList<StancePrediction> predictions)
    {
        var n = StanceLabels.All.Count;
        var groups = new Dictionary<string, int[,]>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var key = rows[i].ArticleId.Length > 0 ? rows[i].ArticleId : "\0" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!groups.TryGetValue(key, out var counts))
            {
                groups[key] = counts = new int[n, n];
            }

            counts[Index(rows[i].Label), Index(predictions[i].Label)]++;
        }

        if (groups.Count == 0)
        {
            return new Interval(0, 0, 0);
        }

        var matrices = groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Value).ToArray();
        var random = new Random(BootstrapSeed);
        var samples = new double[BootstrapResamples];
        var sum = new int[n, n];
        for (var s = 0; s < BootstrapResamples; s++)
        {
            Array.Clear(sum);
            for (var draw = 0; draw < matrices.Length; draw++)
            {
                var m = matrices[random.Next(matrices.Length)];
                for (var r = 0; r < n; r++)
                {
                    for (var c = 0; c < n; c++)
                    {
                        sum[r, c] += m[r, c];
                    }
                }
            }

            samples[s] = FromCounts(sum).MacroF1;
        }

        Array.Sort(samples);
        return new Interval(Percentile(samples, 0.025), Percentile(samples, 0.975), BootstrapResamples);
    }

    private static double Percentile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((position - low) * (sorted[high] - sorted[low]));
    }

    private static List<ArticleScore> PerArticle(IReadOnlyList<CorpusRow> rows, IReadOnlyList<StancePrediction> predictions) =>
        rows.Select((r, i) => (r.ArticleId, Right: r.Label == predictions[i].Label))
            .Where(x => x.ArticleId.Length > 0)
            .GroupBy(x => x.ArticleId, StringComparer.Ordinal)
            .Select(g => new ArticleScore(g.Key, g.Count(), g.Count(x => x.Right), g.Count(x => x.Right) / (double)g.Count()))
            .OrderBy(a => a.Accuracy)
            .ThenByDescending(a => a.Sentences)
            .ThenBy(a => a.ArticleId, StringComparer.Ordinal)
            .ToList();

    private static List<CalibrationBin> Calibrate(IReadOnlyList<CorpusRow> rows, IReadOnlyList<StancePrediction> predictions)
    {
        var bins = new List<CalibrationBin>(CalibrationBins);
        for (var b = 0; b < CalibrationBins; b++)
        {
            double lower = (double)b / CalibrationBins, upper = (double)(b + 1) / CalibrationBins;
            var members = Enumerable.Range(0, rows.Count)
                .Where(i => predictions[i].Confidence >= lower && (predictions[i].Confidence < upper || b == CalibrationBins - 1))
                .ToList();
            bins.Add(members.Count == 0
                ? new CalibrationBin(lower, upper, 0, 0, 0)
                : new CalibrationBin(
                    lower,
                    upper,
                    members.Count,
                    members.Average(i => (double)predictions[i].Confidence),
                    members.Count(i => predictions[i].Label == rows[i].Label) / (double)members.Count));
        }

        return bins;
    }
}
