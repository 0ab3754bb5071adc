using StanceML.Training.Corpus;
using StanceML.Training.Training;

namespace StanceML.Tests;

public class SpeakerSwapTests
{
    private static readonly Dictionary<StanceLabel, float> Weights = StanceLabels.All.ToDictionary(l => l, _ => 1f);

    private static List<CorpusRow> Article(params (string Text, StanceLabel Label)[] sentences) =>
        sentences.Select((s, i) => new CorpusRow("a1", i + 1, s.Text, s.Label, string.Empty, i + 2)).ToList();

    [Fact]
    public void SpeakerSwaps_ProposersQuote_IsCopiedAsAnotherPartysReaction()
    {
        var article = Article(
            ("Mayor Ines Okafor on Monday proposed a £40 million levy on cargo landed at Porthmere harbour.", StanceLabel.Proposal),
            ("“This levy is the right thing for the harbour and for the town,” Okafor said.", StanceLabel.Proposal),
            ("“It will sink the port,” said Daniel Brandt, a shipping agent.", StanceLabel.Reaction),
            ("The harbour was built in 1874.", StanceLabel.Context));

        var swapped = StanceTrainer.SpeakerSwaps(article, Weights).ToList();

        var row = Assert.Single(swapped);
        Assert.Equal("reaction", row.Label);
        Assert.DoesNotContain("Okafor", row.Raw);
        Assert.StartsWith("“This levy is the right thing for the harbour and for the town,”", row.Raw);
        Assert.Contains("spk_other_quote", row.Context);
        Assert.DoesNotContain("spk_proposer", row.Context.Split(' '));
    }

    [Fact]
    public void SpeakerSwaps_PronounAndParaphrase_AreReattributedToo()
    {
        var article = Article(
            ("Mayor Ines Okafor on Monday proposed a £40 million levy on cargo landed at Porthmere harbour.", StanceLabel.Proposal),
            ("“The levy is the right thing for the harbour,” she said.", StanceLabel.Proposal),
            ("Okafor said the levy would pay for a new sea wall.", StanceLabel.Proposal));

        var swapped = StanceTrainer.SpeakerSwaps(article, Weights).Select(r => r.Raw).ToList();

        Assert.Equal(2, swapped.Count);
        Assert.Matches(@"^“The levy is the right thing for the harbour,” \p{Lu}\w+ \p{Lu}[\w-]+ said\.$", swapped[0]);
        Assert.Matches(@"^\p{Lu}\w+ \p{Lu}[\w-]+ said the levy would pay for a new sea wall\.$", swapped[1]);
    }

    [Fact]
    public void SpeakerSwaps_ContextAndOtherSpeakers_AreLeftAlone()
    {
        var article = Article(
            ("Mayor Ines Okafor on Monday proposed a £40 million levy on cargo landed at Porthmere harbour.", StanceLabel.Proposal),
            ("The levy would add £3 to every tonne of freight.", StanceLabel.Proposal),
            ("“It will sink the port,” said Daniel Brandt, a shipping agent.", StanceLabel.Reaction),
            ("Okafor said the harbour was built in 1874.", StanceLabel.Context));

        Assert.Empty(StanceTrainer.SpeakerSwaps(article, Weights));
    }

    [Fact]
    public async Task SpeakerSwaps_OnTheCorpus_AreReactionsSpokenByAnotherParty()
    {
        var corpus = await CorpusReader.ReadAsync(TestPaths.Repo("data", "sentences.csv"), CancellationToken.None);

        var swaps = corpus.Articles().SelectMany(a => StanceTrainer.SpeakerSwaps(a, Weights)).ToList();

        Assert.True(swaps.Count >= 50, $"only {swaps.Count} proposer quotes found to re-attribute");
        Assert.All(swaps, s => Assert.Equal("reaction", s.Label));
        Assert.All(swaps, s => Assert.Contains("spk_other", s.Context));
    }
}
