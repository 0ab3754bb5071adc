using System.Collections.Concurrent;

namespace StanceML.Tests;

/// <summary>Loads the shipped model once for the tests of this class.</summary>
public sealed class ShippedModelFixture : IDisposable
{
    public ShippedModelFixture() => Predictor = StancePredictor.Load(ModelPath);

    public static string ModelPath => TestPaths.Repo("models", "stance.zip");

    public StancePredictor Predictor { get; }

    public void Dispose() => Predictor.Dispose();
}

public class StancePredictorTests(ShippedModelFixture fixture) : IClassFixture<ShippedModelFixture>
{
    private readonly StancePredictor _predictor = fixture.Predictor;

    private static readonly string[] Sentences =
    [
        "The council proposed a congestion charge of £8 a day for drivers entering the centre.",
        "“This is a tax on working families,” said the leader of the opposition.",
        "The city last considered a charge in 2004, when the idea was dropped.",
        "Shares in the company rose 6% after the offer was announced.",
        "There was no immediate response from the union.",
        "The levy would raise £2bn a year, ministers said.",
        "The bridge would take seven years to build.",
        "Residents have until March to respond to the consultation.",
    ];

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFoundNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-model-{Guid.NewGuid():N}.zip");

        var e = Assert.Throws<FileNotFoundException>(() => StancePredictor.Load(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("stanceml train", e.Message);
    }

    [Fact]
    public void Load_CorruptFile_ThrowsInvalidData()
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37))]);
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => StancePredictor.Load(path));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_NonSeekableStream_GivesTheSameAnswers()
    {
        using var stream = new NonSeekableStream(File.ReadAllBytes(ShippedModelFixture.ModelPath));

        using var predictor = StancePredictor.Load(stream);

        Assert.Equal(_predictor.Predict(Sentences[0]).Scores, predictor.Predict(Sentences[0]).Scores);
    }

    [Fact]
    public void Load_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => StancePredictor.Load((Stream)null!));
        Assert.ThrowsAny<ArgumentException>(() => StancePredictor.Load((string)null!));
        Assert.ThrowsAny<ArgumentException>(() => StancePredictor.Load("  "));
    }

    [Fact]
    public void Labels_ComeFromTheModel_AndCoverEveryLabel()
    {
        Assert.Equal(3, _predictor.Labels.Count);
        Assert.Equal(Enum.GetValues<StanceLabel>().OrderBy(l => l), _predictor.Labels.OrderBy(l => l));
    }

    [Fact]
    public void Predict_Null_ThrowsArgumentNull() => Assert.Throws<ArgumentNullException>(() => _predictor.Predict(null!));

    [Fact]
    public void Predict_ReturnsAProbabilityDistribution()
    {
        foreach (var sentence in Sentences)
        {
            var p = _predictor.Predict(sentence);

            Assert.InRange(p.Scores.Values.Sum(), 0.999f, 1.001f);
            Assert.Equal(p.Scores.Values.Max(), p.Confidence);
            Assert.Equal(p.Scores[p.Label], p.Confidence);
            Assert.InRange(p.Confidence, float.Epsilon, 1f);
        }
    }

    public static TheoryData<string> AwkwardInputs => new()
    {
        string.Empty,
        "   \t  ",
        "\0\u0001\u0002 control \u001b[31m characters \u007f",
        "broken \uD800 surrogates \uDC00 here \uD83D",
        "😀 emoji and 中文 and العربية",
        new string('x', 1_000_000),
        string.Concat(Enumerable.Repeat("The council proposed a levy. ", 40_000)),
    };

    [Theory]
    [MemberData(nameof(AwkwardInputs))]
    public void Predict_AwkwardInput_DoesNotThrow(string input)
    {
        var p = _predictor.Predict(input);

        Assert.InRange(p.Confidence, float.Epsilon, 1f);
        Assert.Equal(3, p.Scores.Count);
    }

    [Theory]
    [MemberData(nameof(AwkwardInputs))]
    public void ScoreArticle_AwkwardInput_DoesNotThrowAndKeepsOffsets(string input)
    {
        var scored = _predictor.ScoreArticle(input);

        Assert.All(scored, s => Assert.Equal(s.Text, input.Substring(s.Start, s.Length)));
    }

    [Fact]
    public void PredictBatch_MatchesPredictOneByOne()
    {
        var batch = _predictor.PredictBatch(Sentences);

        Assert.Equal(Sentences.Length, batch.Count);
        for (var i = 0; i < Sentences.Length; i++)
        {
            var single = _predictor.Predict(Sentences[i]);
            Assert.Equal(single.Label, batch[i].Label);
            Assert.Equal(single.Confidence, batch[i].Confidence, 5);
        }
    }

    [Fact]
    public void PredictBatch_NullItem_ThrowsNamingItsIndex()
    {
        var e = Assert.Throws<ArgumentNullException>(() => _predictor.PredictBatch(["fine", null!]));

        Assert.Contains("1", e.Message);
    }

    [Fact]
    public void ScoreArticle_SeedArticle_SkipsFurnitureAndMapsOffsets()
    {
        var text = File.ReadAllText(TestPaths.Repo("seeds", "seed-article.txt"));

        var scored = _predictor.ScoreArticle(text);

        Assert.Equal(19, scored.Count);
        Assert.DoesNotContain(scored, s => s.Text.Contains("JavaScript") || s.Text.Contains("news team"));
        Assert.All(scored, s => Assert.Equal(s.Text, text.Substring(s.Start, s.Length)));
        Assert.True(scored.Zip(scored.Skip(1)).All(p => p.First.Start + p.First.Length <= p.Second.Start));
    }

    [Fact]
    public void ScoreArticle_Null_ThrowsArgumentNull() => Assert.Throws<ArgumentNullException>(() => _predictor.ScoreArticle(null!));

    [Fact]
    public void Predict_FromManyThreads_GivesTheSingleThreadAnswers()
    {
        var inputs = Enumerable.Range(0, 400).Select(i => Sentences[i % Sentences.Length] + (i % 3 == 0 ? string.Empty : $" ({i})")).ToArray();
        var expected = inputs.Select(s => _predictor.Predict(s)).ToArray();
        var actual = new ConcurrentDictionary<int, StancePrediction>();

        Parallel.For(0, inputs.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
        {
            var k = i % inputs.Length;
            var p = i % 2 == 0 ? _predictor.Predict(inputs[k]) : _predictor.PredictBatch([inputs[k]])[0];
            Assert.Equal(expected[k].Label, p.Label);
            Assert.Equal(expected[k].Confidence, p.Confidence, 5);
            actual[k] = p;
        });

        Assert.Equal(inputs.Length, actual.Count);
    }

    [Fact]
    public void ScoreArticle_FromManyThreads_GivesTheSingleThreadAnswers()
    {
        var text = File.ReadAllText(TestPaths.Repo("seeds", "seed-article.txt"));
        var expected = _predictor.ScoreArticle(text).Select(s => (s.Prediction.Label, s.Prediction.Confidence)).ToList();

        Parallel.For(0, 32, _ =>
        {
            var actual = _predictor.ScoreArticle(text).Select(s => (s.Prediction.Label, s.Prediction.Confidence)).ToList();
            Assert.Equal(expected, actual);
        });
    }

    [Fact]
    public void Dispose_ThenPredict_ThrowsObjectDisposed()
    {
        var predictor = StancePredictor.Load(ShippedModelFixture.ModelPath);
        predictor.Dispose();
        predictor.Dispose();

        Assert.Throws<ObjectDisposedException>(() => predictor.Predict("text"));
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();

        public override long Position
        {
            get => base.Position;
            set => throw new NotSupportedException();
        }
    }
}
