using StanceML.Embeddings;
using StanceML.Training.Corpus;
using StanceML.Training.Training;
using StanceML.Tuning;
using static TorchSharp.torch;

namespace StanceML.Tests.Training;

public class EncoderTuningTests
{
    private static readonly (string Text, StanceLabel Label)[] Sentences =
    [
        ("The council proposed a £8 daily charge for driving into the centre.", StanceLabel.Proposal),
        ("Under the plan, the levy would fund three new tram lines.", StanceLabel.Proposal),
        ("\"This is the only way to clean our air,\" the mayor said.", StanceLabel.Proposal),
        ("The company offered $4 a share for its smaller rival.", StanceLabel.Proposal),
        ("Shopkeepers said the charge would drive customers away.", StanceLabel.Reaction),
        ("\"It is a tax on the poor,\" said the opposition leader.", StanceLabel.Reaction),
        ("The rival's board rejected the bid as too low.", StanceLabel.Reaction),
        ("Cycling groups welcomed the move.", StanceLabel.Reaction),
        ("The city has 1.2 million residents.", StanceLabel.Context),
        ("Traffic has grown by a fifth since 2010.", StanceLabel.Context),
        ("The firm was founded in 1987 in Leeds.", StanceLabel.Context),
        ("A similar scheme began in Stockholm in 2006.", StanceLabel.Context),
    ];

    private static readonly EncoderTuningOptions Quick = new() { Epochs = 2, BatchSize = 4, MaxTokens = 32, LearningRate = 1e-4, Threads = 1 };

    [Fact]
    public void Network_GivesTheOnnxModelsEmbeddings()
    {
        TorchNative.EnsureLoaded();
        var texts = Sentences.Select(s => s.Text).ToList();
        using var embedder = MiniLmEmbedder.Create();
        var expected = embedder.Embed(texts);
        using var network = new MiniLmNetwork(dropout: 0);
        network.Load(OnnxWeights.Read(MiniLmEmbedder.PackagedModel()));
        network.eval();
        var tokenizer = MiniLmEmbedder.CreateTokenizer();

        using var noGrad = no_grad();
        for (var i = 0; i < texts.Count; i++)
        {
            var ids = tokenizer.EncodeToIds(texts[i], MiniLmEmbedder.MaxTokens, addSpecialTokens: true, out _, out _).Select(x => (long)x).ToArray();
            using var vector = nn.functional.normalize(network.forward(tensor(ids, [1, ids.Length]), ones(1, ids.Length, ScalarType.Int64)), p: 2, dim: 1);
            var actual = vector.data<float>().ToArray();
            var cosine = actual.Zip(expected[i], (a, b) => (double)a * b).Sum();
            Assert.True(cosine > 0.9999, $"{cosine} for {texts[i]}");
        }
    }

    [Fact]
    public void Tune_IsReproducibleAndChangesOnlyWhatItReturns()
    {
        var first = EncoderTuner.Tune(Sentences, Quick, progress: null, CancellationToken.None);
        var second = EncoderTuner.Tune(Sentences, Quick, progress: null, CancellationToken.None);
        var packaged = OnnxWeights.Read(MiniLmEmbedder.PackagedModel());

        Assert.Equal(first.ToBytes(), second.ToBytes());
        Assert.DoesNotContain("embeddings.word_embeddings.weight", first.Values.Keys); // frozen by default
        Assert.Contains("encoder.layer.5.output.dense.weight", first.Values.Keys);
        Assert.NotEqual(packaged.Values("encoder.layer.5.output.dense.weight"), first.Values["encoder.layer.5.output.dense.weight"]);
    }

    [Fact]
    public async Task Tune_FromSeveralThreadsAtOnce_GivesWhatEachGivesAlone()
    {
        var quick = Quick with { Epochs = 1 };
        var alone = EncoderTuner.Tune(Sentences, quick with { Seed = 3 }, progress: null, CancellationToken.None).ToBytes();

        var together = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            Task.Run(() => EncoderTuner.Tune(Sentences, quick with { Seed = 3 }, progress: null, CancellationToken.None).ToBytes())));

        Assert.All(together, weights => Assert.Equal(alone, weights));
    }

    [Fact]
    public void Tune_WithSeveralRuns_AveragesTheRunsOfSuccessiveSeeds()
    {
        var quick = Quick with { Epochs = 1 };
        var first = EncoderTuner.Tune(Sentences, quick with { Seed = 5 }, progress: null, CancellationToken.None);
        var second = EncoderTuner.Tune(Sentences, quick with { Seed = 6 }, progress: null, CancellationToken.None);
        var soup = EncoderTuner.Tune(Sentences, quick with { Seed = 5, Runs = 2 }, progress: null, CancellationToken.None);

        Assert.Equal(first.Values.Keys.Order(), soup.Values.Keys.Order());
        foreach (var name in soup.Values.Keys)
        {
            var expected = first.Values[name].Zip(second.Values[name], (a, b) => (a + b) / 2).ToArray();
            Assert.Equal(expected, soup.Values[name], (a, b) => Math.Abs(a - b) <= 1e-6f * Math.Max(1f, Math.Abs(a)));
        }

        Assert.NotEqual(first.Values["encoder.layer.3.attention.self.query.weight"], second.Values["encoder.layer.3.attention.self.query.weight"]);
    }

    [Fact]
    public void Tune_PullsSentencesOfALabelTogether()
    {
        // After tuning on these sentences, each should lie nearer its own label's centroid than before.
        var tuned = EncoderTuner.Tune(Sentences, Quick with { Epochs = 6 }, progress: null, CancellationToken.None);
        using var before = MiniLmEmbedder.Create();
        using var after = MiniLmEmbedder.Create(tuned);

        Assert.True(Separation(after) > Separation(before) + 0.05, $"{Separation(before):0.000} -> {Separation(after):0.000}");

        static double Separation(MiniLmEmbedder embedder)
        {
            var vectors = embedder.Embed(Sentences.Select(s => s.Text).ToList());
            double Cos(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
            double same = 0, other = 0;
            int sameCount = 0, otherCount = 0;
            for (var i = 0; i < vectors.Length; i++)
            {
                for (var j = i + 1; j < vectors.Length; j++)
                {
                    if (Sentences[i].Label == Sentences[j].Label)
                    {
                        same += Cos(vectors[i], vectors[j]);
                        sameCount++;
                    }
                    else
                    {
                        other += Cos(vectors[i], vectors[j]);
                        otherCount++;
                    }
                }
            }

            return (same / sameCount) - (other / otherCount);
        }
    }

    [Fact]
    public void Tune_NeedsEveryLabelAndHonoursCancellation()
    {
        var noContext = Sentences.Where(s => s.Label != StanceLabel.Context).ToList();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Contains("Every label", Assert.Throws<ArgumentException>(() => EncoderTuner.Tune(noContext, Quick, null, CancellationToken.None)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => EncoderTuner.Tune(Sentences, Quick with { Epochs = 0 }, null, CancellationToken.None));
        Assert.Throws<OperationCanceledException>(() => EncoderTuner.Tune(Sentences, Quick, null, cancelled.Token));
    }

    [Fact]
    public void Train_WithATunedEncoder_StoresItsWeightsAndScoresThroughThem()
    {
        var rows = Sentences.Select((s, i) => new CorpusRow($"a{i / 4}", (i % 4) + 1, s.Text, s.Label, string.Empty, i + 2)).ToList();
        var options = new TrainingOptions { Embeddings = true, TuneEncoder = true, Tuning = Quick, QuoteFragments = false };

        var bytes = StanceTrainer.Train(rows, hasArticles: true, options, CancellationToken.None);
        var plain = StanceTrainer.Train(rows, hasArticles: true, options with { TuneEncoder = false }, CancellationToken.None);

        var entries = StanceML.Modeling.ModelFile.ReadEntries(new MemoryStream(bytes), EncoderWeights.EntryName);
        Assert.True(EncoderWeights.Parse(entries[EncoderWeights.EntryName]).Count > 1_000_000);
        Assert.Empty(StanceML.Modeling.ModelFile.ReadEntries(new MemoryStream(plain), EncoderWeights.EntryName));
        using var tunedModel = StancePredictor.Load(new MemoryStream(bytes));
        using var plainModel = StancePredictor.Load(new MemoryStream(plain));
        var sentence = "Residents said the charge was unfair.";
        Assert.NotEqual(plainModel.Predict(sentence).Confidence, tunedModel.Predict(sentence).Confidence);
    }

    [SkippableFact]
    public void MarkVersionWeak_FlagsOnlyTheNamedRequirement()
    {
        var library = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Skip.IfNot(File.Exists(library), "TorchSharp's Linux library is not in the test output on this platform");
        var bytes = File.ReadAllBytes(library);
        var copy = (byte[])bytes.Clone();

        Assert.True(TorchNative.MarkVersionWeak(copy, "GLIBCXX_3.4.32"));
        Assert.False(TorchNative.MarkVersionWeak((byte[])bytes.Clone(), "GLIBCXX_9.9.99"));
        Assert.False(TorchNative.MarkVersionWeak("not an ELF file at all, just text"u8.ToArray().Concat(new byte[64]).ToArray(), "GLIBCXX_3.4.32"));
        var changed = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] != copy[i]).ToList();
        Assert.Single(changed); // one byte: the flags half-word of that one entry
    }
}
