using StanceML.Modeling;

namespace StanceML.Tests;

public class CalibrationTests
{
    [Fact]
    public void Apply_TemperatureTwo_TakesTheSquareRootAndRenormalises()
    {
        float[] p = [0.8f, 0.15f, 0.05f];

        new Calibration(2).Apply(p);

        var roots = new[] { Math.Sqrt(0.8), Math.Sqrt(0.15), Math.Sqrt(0.05) };
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(roots[i] / roots.Sum(), p[i], 5);
        }
    }

    [Fact]
    public void Apply_KeepsTheOrder_SoftensAboveOne_SharpensBelowOne()
    {
        float[] soft = [0.7f, 0.2f, 0.1f], sharp = [0.7f, 0.2f, 0.1f], same = [0.7f, 0.2f, 0.1f];

        new Calibration(3).Apply(soft);
        new Calibration(0.5).Apply(sharp);
        Calibration.None.Apply(same);

        Assert.True(soft[0] < 0.7f && soft[0] > soft[1] && soft[1] > soft[2]);
        Assert.True(sharp[0] > 0.7f && sharp[1] > sharp[2]);
        Assert.Equal([0.7f, 0.2f, 0.1f], same);
    }

    [Theory]
    [InlineData("{\"temperature\": 0}")]
    [InlineData("{\"temperature\": -1}")]
    [InlineData("{\"t\": 2}")]
    [InlineData("not json")]
    public void Parse_BadEntry_ThrowsInvalidDataSayingWhatToDo(string json)
    {
        var e = Assert.Throws<InvalidDataException>(() => Calibration.Parse(System.Text.Encoding.UTF8.GetBytes(json)));

        Assert.Contains("stanceml calibrate", e.Message);
    }

    [Fact]
    public void Parse_RoundTripsToJson()
    {
        var calibration = new Calibration(2.658615);

        Assert.Equal(calibration, Calibration.Parse(System.Text.Encoding.UTF8.GetBytes(calibration.ToJson())));
    }

    [Fact]
    public void ModelWithTemperature_ChangesConfidencesButNeverLabels()
    {
        var shipped = File.ReadAllBytes(TestPaths.Repo("models", "stance-fast.zip"));
        using var plain = StancePredictor.Load(new MemoryStream(ModelFile.SetEntry(shipped, Calibration.EntryName, Calibration.None.ToJson())));
        using var warm = StancePredictor.Load(new MemoryStream(ModelFile.SetEntry(shipped, Calibration.EntryName, new Calibration(2).ToJson())));
        string[] sentences = ["The council proposed a congestion charge of £8 a day.", "“It is madness,” said a shopkeeper.", "The city was founded in 1201."];

        foreach (var sentence in sentences)
        {
            var p = plain.Predict(sentence);
            var q = warm.Predict(sentence);
            var expected = p.Scores.Values.Select(v => (float)v).ToArray();
            new Calibration(2).Apply(expected);

            Assert.Equal(p.Label, q.Label);
            Assert.Equal(expected, plain.Labels.Select(l => q.Scores[l]).ToArray(), (a, b) => Math.Abs(a - b) < 1e-5);
        }
    }
}
