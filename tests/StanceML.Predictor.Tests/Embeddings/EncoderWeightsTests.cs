using StanceML.Embeddings;

namespace StanceML.Tests.Embeddings;

public class EncoderWeightsTests
{
    // Read only: Patch writes into the bytes it was read from, so the tests that patch use Fresh().
    private static readonly Lazy<OnnxWeights> Packaged = new(() => OnnxWeights.Read(MiniLmEmbedder.PackagedModel()));

    private static OnnxWeights Fresh() => OnnxWeights.Read(MiniLmEmbedder.PackagedModel());

    [Fact]
    public void Read_NamesEveryWeightOfTheSixLayerNetwork()
    {
        var names = Packaged.Value.Names.ToHashSet();

        foreach (var part in new[] { "attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense", "intermediate.dense", "output.dense" })
        {
            for (var layer = 0; layer < 6; layer++)
            {
                Assert.Contains($"encoder.layer.{layer}.{part}.weight", names);
                Assert.Contains($"encoder.layer.{layer}.{part}.bias", names);
            }
        }

        Assert.Contains("embeddings.word_embeddings.weight", names);
        Assert.Equal([384, 384], Packaged.Value.Shape("encoder.layer.0.attention.self.query.weight"));
        Assert.Equal([1536, 384], Packaged.Value.Shape("encoder.layer.5.intermediate.dense.weight"));
        Assert.Equal([384, 1536], Packaged.Value.Shape("encoder.layer.5.output.dense.weight"));
        Assert.Equal([30522, 384], Packaged.Value.Shape("embeddings.word_embeddings.weight"));
    }

    [Fact]
    public void Patch_WithTheStoredValues_ReturnsTheSameModel()
    {
        var name = "encoder.layer.2.intermediate.dense.weight";
        var values = new Dictionary<string, float[]> { [name] = Packaged.Value.Values(name) };

        Assert.Equal(MiniLmEmbedder.PackagedModel(), Fresh().Patch(values));
    }

    [Fact]
    public void Patch_WritesIntoTheBytesReadAndLeavesThePackageAlone()
    {
        // Create(tuned) patches the package's bytes in place: each call must get its own array.
        var model = MiniLmEmbedder.PackagedModel();
        Assert.NotSame(model, MiniLmEmbedder.PackagedModel());
        var name = "encoder.layer.0.attention.self.key.bias";
        var shifted = Packaged.Value.Values(name).Select(v => v + 1f).ToArray();

        var patched = OnnxWeights.Read(model).Patch(new Dictionary<string, float[]> { [name] = shifted });

        Assert.Same(model, patched);
        Assert.Equal(shifted, OnnxWeights.Read(patched).Values(name));
        Assert.Equal(Packaged.Value.Values(name), OnnxWeights.Read(MiniLmEmbedder.PackagedModel()).Values(name));
    }

    [Fact]
    public void Patch_WritesTransposedWeightsInTheNetworksLayout()
    {
        var name = "encoder.layer.1.output.dense.weight"; // [384, 1536], stored as [1536, 384]
        var values = Packaged.Value.Values(name);
        var changed = values.Select((v, i) => i % 1536 == 7 ? v + 1f : v).ToArray(); // column 7 of each row

        var patched = OnnxWeights.Read(Fresh().Patch(new Dictionary<string, float[]> { [name] = changed }));

        Assert.Equal(changed, patched.Values(name));
        Assert.Equal(Packaged.Value.Values("encoder.layer.1.output.dense.bias"), patched.Values("encoder.layer.1.output.dense.bias"));
    }

    [Fact]
    public void Patch_RejectsWeightsOfAnotherShapeOrName()
    {
        var wrongLength = new Dictionary<string, float[]> { ["encoder.layer.0.attention.self.query.bias"] = new float[10] };
        var unknown = new Dictionary<string, float[]> { ["decoder.layer.0.weight"] = new float[10] };

        var model = MiniLmEmbedder.PackagedModel();
        var weights = OnnxWeights.Read(model);

        Assert.Contains("has 10 values", Assert.Throws<InvalidDataException>(() => weights.Patch(wrongLength)).Message);
        Assert.Contains("no weight named", Assert.Throws<InvalidDataException>(() => weights.Patch(unknown)).Message);
        Assert.Equal(MiniLmEmbedder.PackagedModel(), model); // checked before anything is written
    }

    [Fact]
    public void Read_RejectsATruncatedModel()
    {
        var cut = MiniLmEmbedder.PackagedModel()[..5000];

        Assert.Throws<InvalidDataException>(() => OnnxWeights.Read(cut));
    }

    [Fact]
    public void EncoderWeights_RoundTripThroughBytes()
    {
        var weights = new EncoderWeights(new Dictionary<string, float[]>
        {
            ["b"] = [1.5f, -2f, float.Epsilon],
            ["a"] = [],
        });

        var bytes = weights.ToBytes();
        var read = EncoderWeights.Parse(bytes);

        Assert.Equal(weights.Values.Keys.Order(), read.Values.Keys.Order());
        Assert.Equal(weights.Values["b"], read.Values["b"]);
        Assert.Equal(3, read.Count);
        Assert.Equal(bytes, read.ToBytes());
    }

    [Fact]
    public void EncoderWeights_RejectsCutOrForeignBytes()
    {
        var bytes = new EncoderWeights(new Dictionary<string, float[]> { ["x"] = new float[100] }).ToBytes();

        Assert.Contains("cut short", Assert.Throws<InvalidDataException>(() => EncoderWeights.Parse(bytes[..^8])).Message);
        Assert.Throws<InvalidDataException>(() => EncoderWeights.Parse("not weights"u8.ToArray()));
    }

    [Fact]
    public void Create_WithTunedWeights_EmbedsThroughThem()
    {
        const string Sentence = "The council proposed a congestion charge, and shopkeepers said it would ruin them.";
        var name = "encoder.layer.5.output.dense.bias";
        var shifted = Packaged.Value.Values(name).Select((v, i) => i % 2 == 0 ? v + 0.5f : v - 0.5f).ToArray();
        using var plain = MiniLmEmbedder.Create();
        using var same = MiniLmEmbedder.Create(new EncoderWeights(new Dictionary<string, float[]> { [name] = Packaged.Value.Values(name) }));
        using var tuned = MiniLmEmbedder.Create(new EncoderWeights(new Dictionary<string, float[]> { [name] = shifted }));

        var reference = plain.Embed([Sentence])[0];
        static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

        Assert.True(Cosine(reference, same.Embed([Sentence])[0]) > 0.99999);
        Assert.True(Cosine(reference, tuned.Embed([Sentence])[0]) < 0.99);
    }

    [Fact]
    public void Load_ModelWithUnreadableEncoderWeights_FailsAtLoadWithAMessage()
    {
        var shipped = File.ReadAllBytes(TestPaths.Repo("models", "stance-fast.zip"));
        var broken = StanceML.Modeling.ModelFile.SetEntry(shipped, EncoderWeights.EntryName, "not weights"u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => StancePredictor.Load(new MemoryStream(broken)));

        Assert.Contains(EncoderWeights.EntryName, error.Message);
    }
}
