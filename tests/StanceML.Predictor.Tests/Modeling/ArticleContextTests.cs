using StanceML.Modeling;

namespace StanceML.Tests.Modeling;

public class ArticleContextTests
{
    private static string[] Cues(IReadOnlyList<StanceInput> rows, int i) => rows[i].Context.Split(' ');

    [Theory]
    [InlineData("Mayor Ines Okafor on Monday proposed a levy on cargo.")]
    [InlineData("The proposal by Ines Okafor would add £3 to every tonne.")]
    [InlineData("Okafor's plan would add £3 to every tonne.")]
    [InlineData("Ines Okafor has unveiled a harbour levy.")]
    public void Build_ProposerNamedAnyWay_IsTheSpeakerOfHerQuote(string lede)
    {
        var rows = ArticleContext.Build(["Harbour levy unveiled", lede, "“It is the right thing to do,” Okafor said."]);

        Assert.Contains("spk_proposer", Cues(rows, 2));
        Assert.Contains("spk_proposer_quote", Cues(rows, 2));
    }

    [Fact]
    public void Build_AnotherPartysQuote_IsSpeakerOther()
    {
        var rows = ArticleContext.Build(["Mayor Ines Okafor proposed a levy on cargo.", "“It is the right thing to do,” said Daniel Brandt, a shipping agent."]);

        Assert.Contains("spk_other", Cues(rows, 1));
        Assert.DoesNotContain("spk_proposer", Cues(rows, 1));
    }

    [Fact]
    public void Build_PronounAndTitle_ResolveToTheProposer()
    {
        var rows = ArticleContext.Build(
        [
            "The proposal by Kirill Dmitriev, Vladimir Putin’s investment envoy, would see a rail tunnel built.",
            "He suggested that linking the two nations would unlock joint exploration.",
            "In a post on X, the envoy claimed that the idea dated back to the Cold War era.",
        ]);

        Assert.Contains("spk_proposer", Cues(rows, 1));
        Assert.Contains("spk_proposer", Cues(rows, 2));
    }

    [Theory]
    [InlineData("The state government wants a light-rail line to the airport.", "“It will pay for itself,” the government said.")]
    [InlineData("A Texas company plans to build a waste-to-energy plant.", "The plant is safe, the company says.")]
    [InlineData("Switzerland's finance minister proposed a change to the debt brake.", "“Defence cannot wait,” Finance Minister Reto Hurlimann said.")]
    [InlineData("The overhaul was drawn up by highways chiefs.", "Tolls are the fairest option, the highways chiefs said.")]
    public void Build_ProposerNamedByRole_ResolvesLaterMentions(string lede, string quote)
    {
        var rows = ArticleContext.Build(["Headline", lede, quote]);

        Assert.DoesNotContain("no_proposer_found", Cues(rows, 2));
        Assert.Contains("spk_proposer", Cues(rows, 2));
    }

    [Theory]
    [InlineData("“It is the only way,” said Jan Thwaite, the council’s cabinet member for economy.")]
    [InlineData("Jan Thwaite, the council’s cabinet member for economy, said the revamp was overdue.")]
    [InlineData("“It is the only way,” Cumberland Council leader Jan Thwaite told reporters.")]
    public void Build_PersonWhoseRoleNamesTheProposer_SpeaksForIt(string sentence)
    {
        var rows = ArticleContext.Build(["Market hall revamp", "Cumberland Council has unveiled plans for the market hall.", sentence]);

        Assert.Contains("spk_proposer", Cues(rows, 2));
    }

    [Fact]
    public void Build_CriticWithAnUnrelatedRole_StaysAnotherParty()
    {
        var rows = ArticleContext.Build(
        [
            "Market hall revamp",
            "Cumberland Council has unveiled plans for the market hall.",
            "“It will kill the market,” said Priya Lal, the chair of the traders’ association.",
        ]);

        Assert.Contains("spk_other", Cues(rows, 2));
    }

    [Theory]
    [InlineData("The buyer would pay $38 a share, according to people familiar with the matter.")]
    [InlineData("The deal values the chain at $4bn, according to a regulatory filing.")]
    public void Build_AnonymousSourceOrDocument_IsASourceNotAParty(string sentence)
    {
        var rows = ArticleContext.Build(["Grocer sale", "Kestrel Ridge is in advanced talks to buy Harvest Lane.", sentence]);

        Assert.Contains("spk_source", Cues(rows, 2));
        Assert.DoesNotContain("spk_other", Cues(rows, 2));
    }

    [Theory]
    [InlineData("“It is a start,” Marco Caduff told a news conference in Chur.", "Marco Caduff")]
    [InlineData("Two lenders, Ozark Heritage and Prairie Commerce, said Tuesday they would combine.", "Prairie Commerce")]
    [InlineData("“We will combine,” said Tuesday's joint statement.", null)]
    [InlineData("Jan Thwaite, the council’s cabinet member, said the revamp was overdue.", "Jan Thwaite")]
    [InlineData("Envoy Tomas Ruhl, a former foreign minister, said the plan would place monitors in the valley.", "Envoy Tomas Ruhl")]
    public void Read_Attribution_IsTheSpeakerNotTheObjectOrADay(string sentence, string? speaker)
    {
        var reading = ArticleContext.Read(["Headline", sentence]);

        Assert.Equal(speaker, reading.Attributions[1]);
    }

    [Fact]
    public void Build_QuoteSplitOverSentences_BorrowsTheAttribution()
    {
        var rows = ArticleContext.Build(
        [
            "Mayor Ines Okafor proposed a levy on cargo.",
            "“We are confident.",
            "The numbers add up,” Okafor said.",
            "''We may get lucky,'' she added.",
        ]);

        Assert.Contains("spk_proposer", Cues(rows, 1));
        Assert.Contains("spk_borrowed", Cues(rows, 1));
        Assert.Contains("quote_opens", Cues(rows, 1));
        Assert.Contains("quote_closes", Cues(rows, 2));
        Assert.Contains("quote_whole", Cues(rows, 3));
        Assert.Contains("spk_proposer", Cues(rows, 3));
    }

    [Fact]
    public void Build_ScareQuotes_AreNotSpeech()
    {
        var rows = ArticleContext.Build(["Mayor Ines Okafor proposed a levy, Okafor said.", "Critics call the so-called ‘harbour tax’ unfair."]);

        Assert.DoesNotContain("spk_borrowed", Cues(rows, 1));
    }

    [Fact]
    public void Build_NoProposer_SaysSo_AndApostrophesAreNotQuotes()
    {
        var rows = ArticleContext.Build(["It's a busy week.", "The city's roads don't cope."]);

        Assert.Contains("no_proposer_found", Cues(rows, 0));
        Assert.Contains("quote_none", Cues(rows, 1));
    }

    [Fact]
    public void Build_PositionCues_MarkHeadlineLedeAndBody()
    {
        var rows = ArticleContext.Build(Enumerable.Range(0, 10).Select(i => $"Sentence {i}.").ToList());

        Assert.Contains("pos_head", Cues(rows, 0));
        Assert.Contains("pos_lede", Cues(rows, 1));
        Assert.Contains("pos_late", Cues(rows, 9));
    }

    [Fact]
    public void Standalone_HasNoArticleCues()
    {
        var row = ArticleContext.Standalone("“We will fight this,” she said.");

        Assert.Contains("noarticle", row.Context.Split(' '));
        Assert.DoesNotContain(row.Context.Split(' '), c => c.StartsWith("spk_", StringComparison.Ordinal));
        Assert.Equal("“We will fight this,” she said.", row.Raw);
    }

    [Theory]
    [InlineData("“Curly” ‘single’ — dash… 2025 $1.2bn", "\"Curly\" 'single' - dash... 0000 $0.0bn")]
    [InlineData("''NYT'' quotes from Xinhua", "\"NYT\" quotes from Xx")]
    [InlineData("Talks with Acme Corp in Lisbon", "Talks with Xx Xx in Xx")]
    [InlineData("The Minister said on Monday", "The Minister said on Monday")]
    public void Normalize_FoldsTypographyNumbersAndNames(string input, string expected) =>
        Assert.Equal(expected, FeatureText.Normalize(input));

    [Fact]
    public void Normalize_BrokenSurrogatesAndControls_BecomeReplacementAndSpace() =>
        Assert.Equal("bad \uFFFD surrogate here \uD83D\uDE00", FeatureText.Normalize("bad \uD800 surrogate\u0001here \uD83D\uDE00"));
}
