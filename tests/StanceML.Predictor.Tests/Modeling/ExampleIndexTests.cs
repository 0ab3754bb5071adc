using System.IO.Compression;
using StanceML.Modeling;

namespace StanceML.Tests;

public class ExampleIndexTests
{
    private static readonly (string Text, StanceLabel Label, string ArticleId)[] Examples =
    [
        ("The council proposed a congestion charge of £8 a day.", StanceLabel.Proposal, "a1"),
        ("\"It is a tax on working families,\" said the opposition leader.", StanceLabel.Reaction, "a1"),
        ("The city last considered a charge in 2004.", StanceLabel.Context, "a1"),
        ("Shares rose 6% after the takeover bid was announced.", StanceLabel.Reaction, "a2"),
        ("The bidder offered 450p a share\tin cash,\nvaluing the group at £2bn.", StanceLabel.Proposal, "a2"),
    ];

    private static byte[] ShippedModel() => File.ReadAllBytes(TestPaths.Repo("models", "stance-fast.zip"));

    private static ExampleIndex Index(byte[] model)
    {
        using var zip = new ZipArchive(new MemoryStream(model), ZipArchiveMode.Read);
        using var entry = zip.GetEntry(ExampleIndex.EntryName)!.Open();
        using var copy = new MemoryStream();
        entry.CopyTo(copy);
        return ExampleIndex.Parse(copy.ToArray());
    }

    [Fact]
    public void AddTo_ThenParse_KeepsEveryExampleWithTabsAndNewlinesFlattened()
    {
        var index = Index(ExampleIndex.AddTo(ShippedModel(), Examples));

        Assert.Equal(Examples.Length, index.Count);
        var nearest = index.Nearest("The bidder offered 450p a share in cash", 1).Single();
        Assert.Equal("The bidder offered 450p a share in cash, valuing the group at £2bn.", nearest.Text);
        Assert.Equal(StanceLabel.Proposal, nearest.Label);
        Assert.Equal("a2", nearest.ArticleId);
    }

    [Fact]
    public void Nearest_ATrainingSentence_FindsItselfFirstWithSimilarityOne()
    {
        var index = Index(ExampleIndex.AddTo(ShippedModel(), Examples));

        var nearest = index.Nearest(Examples[2].Text, 3);

        Assert.Equal(Examples[2].Text, nearest[0].Text);
        Assert.Equal(1, nearest[0].Similarity, 4);
        Assert.True(nearest.Zip(nearest.Skip(1)).All(p => p.First.Similarity >= p.Second.Similarity));
        Assert.All(nearest.Skip(1), n => Assert.True(n.Similarity < 1));
    }

    [Fact]
    public void Nearest_NoWordInCommon_FindsNothing()
    {
        var index = Index(ExampleIndex.AddTo(ShippedModel(), Examples));

        Assert.Empty(index.Nearest("Zebras graze quietly.", 3));
        Assert.Empty(index.Nearest(string.Empty, 3));
    }

    [Fact]
    public void AddTo_IsDeterministicAndReplacesAnEarlierEntry()
    {
        var once = ExampleIndex.AddTo(ShippedModel(), Examples);
        var again = ExampleIndex.AddTo(ShippedModel(), Examples);
        var twice = ExampleIndex.AddTo(once, Examples.Take(2));

        Assert.Equal(once, again);
        using var zip = new ZipArchive(new MemoryStream(twice), ZipArchiveMode.Read);
        Assert.Single(zip.Entries, e => e.FullName == ExampleIndex.EntryName);
        Assert.Equal(2, Index(twice).Count);
    }

    [Fact]
    public void ModelWithExamples_LoadsAndScoresAsBefore_AndExplainsWithNeighbours()
    {
        var plain = ShippedModel();
        using var withExamples = StancePredictor.Load(new MemoryStream(ExampleIndex.AddTo(plain, Examples)));
        using var without = StancePredictor.Load(new MemoryStream(plain));
        const string sentence = "Critics said the congestion charge was a tax on working families.";

        Assert.Equal(without.Predict(sentence).Confidence, withExamples.Predict(sentence).Confidence, 6);
        var neighbours = withExamples.Explain(sentence).Neighbours;
        Assert.InRange(neighbours.Count, 1, 3);
        Assert.Contains(neighbours, n => n.Text.Contains("tax on working families", StringComparison.Ordinal) && n.Label == StanceLabel.Reaction);
    }
}
