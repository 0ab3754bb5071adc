using StanceML.Modeling;
using StanceML.Training.Corpus;

namespace StanceML.Training.Evaluation;

/// <summary>
/// Fits the temperature that makes a model's probabilities honest on labelled data: the T that
/// minimises the mean negative log-likelihood of the gold labels under p^(1/T), renormalised.
/// </summary>
internal static class TemperatureFit
{
    private const double MinLogT = -2.5;
    private const double MaxLogT = 2.5;

    /// <summary>The temperature, relative to the probabilities in <paramref name="predictions"/>, found by golden-section search on log T in [e^-2.5, e^2.5].</summary>
    public static double Fit(IReadOnlyList<CorpusRow> rows, IReadOnlyList<StancePrediction> predictions)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(predictions.Count, rows.Count, nameof(predictions));
        if (rows.Count == 0)
        {
            throw new ArgumentException("No rows to calibrate on.", nameof(rows));
        }

        var logs = predictions.Select(p => StanceLabels.All.Select(l => Math.Log(Math.Max(p.Scores.GetValueOrDefault(l), 1e-7f))).ToArray()).ToArray();
        var gold = rows.Select(r => StanceLabels.All.ToList().IndexOf(r.Label)).ToArray();

        double Loss(double logT)
        {
            var t = Math.Exp(logT);
            var total = 0.0;
            for (var i = 0; i < logs.Length; i++)
            {
                var max = logs[i].Max() / t;
                var norm = Math.Log(logs[i].Sum(l => Math.Exp((l / t) - max))) + max;
                total += norm - (logs[i][gold[i]] / t);
            }

            return total / logs.Length;
        }

        var golden = (Math.Sqrt(5) - 1) / 2;
        double a = MinLogT, b = MaxLogT;
        double c = b - (golden * (b - a)), d = a + (golden * (b - a));
        double fc = Loss(c), fd = Loss(d);
        for (var step = 0; step < 60; step++)
        {
            if (fc < fd)
            {
                (b, d, fd) = (d, c, fc);
                c = b - (golden * (b - a));
                fc = Loss(c);
            }
            else
            {
                (a, c, fc) = (c, d, fd);
                d = a + (golden * (b - a));
                fd = Loss(d);
            }
        }

        return Math.Exp((a + b) / 2);
    }

    /// <summary>The predictions with the temperature applied, as the calibrated model would give them.</summary>
    public static IReadOnlyList<StancePrediction> Apply(IReadOnlyList<StancePrediction> predictions, double temperature)
    {
        var calibration = new Calibration(temperature);
        return predictions.Select(p =>
        {
            var scores = StanceLabels.All.Select(l => p.Scores.GetValueOrDefault(l)).ToArray();
            calibration.Apply(scores);
            var map = StanceLabels.All.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => scores[x.i]);
            return new StancePrediction(p.Label, Math.Clamp(map[p.Label], float.Epsilon, 1f), map);
        }).ToList();
    }
}
