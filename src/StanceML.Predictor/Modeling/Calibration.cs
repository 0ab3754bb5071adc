using System.Globalization;
using System.Text.Json;

namespace StanceML.Modeling;

/// <summary>
/// Temperature scaling: each label's probability p becomes p^(1/T), renormalised. T above 1
/// softens an over-confident model, below 1 sharpens it; the most probable label never changes.
/// Stored in the model file by <c>stanceml calibrate</c>. Immutable; thread-safe.
/// </summary>
internal sealed record Calibration(double Temperature)
{
    /// <summary>The zip entry holding <c>{"temperature": T}</c>.</summary>
    public const string EntryName = "StanceML/calibration.json";

    /// <summary>No change.</summary>
    public static readonly Calibration None = new(1.0);

    /// <summary>Reads the entry's bytes.</summary>
    /// <exception cref="InvalidDataException">The entry holds no positive, finite temperature.</exception>
    public static Calibration Parse(byte[] entry)
    {
        try
        {
            using var json = JsonDocument.Parse(entry);
            var t = json.RootElement.GetProperty("temperature").GetDouble();
            if (!double.IsFinite(t) || t <= 0)
            {
                throw new InvalidDataException($"the calibration temperature {t} is not positive; recalibrate with `stanceml calibrate`.");
            }

            return new Calibration(t);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"the model's {EntryName} is unreadable ({e.Message}); recalibrate with `stanceml calibrate`.", e);
        }
    }

    /// <summary>The entry's content.</summary>
    public string ToJson() => string.Create(CultureInfo.InvariantCulture, $"{{\"temperature\": {Temperature:R}}}\n");

    /// <summary>Applies the temperature to probabilities, in place.</summary>
    public void Apply(float[] probabilities)
    {
        if (Temperature == 1.0)
        {
            return;
        }

        var sum = 0.0;
        var scaled = new double[probabilities.Length];
        for (var i = 0; i < probabilities.Length; i++)
        {
            var p = probabilities[i];
            scaled[i] = float.IsFinite(p) && p > 0 ? Math.Exp(Math.Log(p) / Temperature) : 0;
            sum += scaled[i];
        }

        if (sum > 0)
        {
            for (var i = 0; i < probabilities.Length; i++)
            {
                probabilities[i] = (float)(scaled[i] / sum);
            }
        }
    }
}
