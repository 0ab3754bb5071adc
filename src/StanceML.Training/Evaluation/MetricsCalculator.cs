using StanceML.Training.Corpus;

namespace StanceML.Training.Evaluation;

/// <summary>Computes classification metrics from gold rows and predictions (ML.NET gives no F1).</summary>
internal static class MetricsCalculator
{
    private const int CalibrationBins = 10;

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
        var index = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i);
        var counts = new int[labels.Count, labels.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            counts[index[rows[i].Label], index[predictions[i].Label]]++;
        }

        var perClass = new Dictionary<string, ClassMetrics>();
        var f1s = new List<double>();
        for (var k = 0; k < labels.Count; k++)
        {
            var tp = counts[k, k];
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

        var correct = Enumerable.Range(0, labels.Count).Sum(k => counts[k, k]);
        var bins = Calibrate(rows, predictions);
        var ece = rows.Count == 0 ? 0 : bins.Sum(b => b.Count * Math.Abs(b.Accuracy - b.MeanConfidence)) / rows.Count;
        var errors = rows.Select((r, i) => (Row: r, Prediction: predictions[i]))
            .Where(x => x.Row.Label != x.Prediction.Label)
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
            Articles = rows.Select(r => r.ArticleId).Distinct().Count(),
            Accuracy = rows.Count == 0 ? 0 : (double)correct / rows.Count,
            MacroF1 = f1s.Count == 0 ? 0 : f1s.Average(),
            PerClass = perClass,
            ConfusionMatrix = new ConfusionMatrix(
                labels.Select(l => l.ToName()).ToList(),
                Enumerable.Range(0, labels.Count).Select(r => (IReadOnlyList<int>)Enumerable.Range(0, labels.Count).Select(c => counts[r, c]).ToList()).ToList()),
            ExpectedCalibrationError = ece,
            Calibration = bins,
            Errors = errors,
        };
    }

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
}
