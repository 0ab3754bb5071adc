namespace StanceML.Tests.Robustness;

/// <summary>
/// The same move in many wordings, read inside one article, should get the same label; and the
/// same words should propose when the proposer says them and react when anyone else does. The
/// floors are the shares the shipped model reached when it was shipped (see README); the aim is
/// all of them. A model that does worse must not be shipped.
/// </summary>
public class ParaphraseTests(ShippedModelFixture fixture) : IClassFixture<ShippedModelFixture>
{
    private const string Head = """
        Council backs plan for £12m tram link

        The city council on Tuesday proposed a tram link between the station and the hospital, to open in 2029.

        The line would run 4.2 kilometres along Victoria Road, with seven stops, the council said in its plan.


        """;

    private const string Tail = """


        Trams last ran in the city in 1951, when the old network was torn up to make room for buses.

        The council's transport committee will consider the plan in March, and a public consultation is due to open in the spring.

        Victoria Road carries about 18,000 vehicles a day, according to the most recent traffic count.

        The hospital is the city's largest employer, with 6,500 staff.
        """;

    private static readonly string[] Opposition =
    [
        "Shopkeepers on Victoria Road said they would fight the plan.",
        "“It is a vanity project we cannot afford,” said Kate Morrow, who runs a bakery on the route.",
        "The opposition leader, Tom Reyes, called the scheme reckless.",
        "Residents' groups slammed the proposal as a waste of money.",
        "Critics warned the line would never carry enough passengers to pay its way.",
        "“I'm not happy with this at all,” said local councillor Ann Bright.",
        "The taxi drivers' association said it would challenge the scheme in court.",
        "Business leaders branded the tram a white elephant.",
        "A petition against the link has gathered 4,000 signatures.",
        "“Over my dead body,” said pensioner Joan Hale, 81.",
        "The Green group voted against the plan at Tuesday's meeting.",
        "Economists at Westbridge University doubted the cost estimate, calling it optimistic.",
        "Bus operator Redline said the tram would duplicate existing routes and urged the council to drop it.",
        "Cllr Priya Shah dismissed the link as “a solution in search of a problem”.",
        "Not everyone is convinced: neighbours fear years of roadworks.",
        "“Nobody asked us,” said one resident at a packed public meeting.",
        "The chamber of commerce came out firmly against the idea.",
        "Opponents blasted the timing, with bus fares already rising.",
        "The cyclists' campaign said the plan ignored their safety and opposed it.",
        "Former mayor Alan Grint said the council had learned nothing from the last tram scheme.",
    ];

    private static readonly string[] Costs =
    [
        "The link would cost £12 million, paid for from the transport budget.",
        "Construction is expected to cost £12m, according to the council's plan.",
        "The council has set aside £12 million for the project.",
        "Under the proposal, the city would borrow £12 million over 25 years.",
        "The scheme carries a price tag of £12m.",
        "Funding would come from a £12 million government grant and fares.",
        "The tram would be built for £12 million, the council said.",
        "Each of the seven stops would cost about £400,000 to build.",
        "The plan budgets £12m for track, stops and three trams.",
        "Running costs would be met by a 50p levy on hospital car parking, the plan says.",
    ];

    [Fact]
    public void ScoreArticle_TwentyWaysToOppose_AreReactions() =>
        AssertShare(Opposition, StanceLabel.Reaction, floor: 0.85);

    [Fact]
    public void ScoreArticle_TenWaysToStateTheCost_AreProposalTerms() =>
        AssertShare(Costs, StanceLabel.Proposal, floor: 0.7);

    /// <summary>
    /// The same advocating quote from the proposer and from a supporter who is not the proposer:
    /// proposal for the first, reaction for the second (tie-breaker 1 of the guidelines). The
    /// n-gram models of before labelled both proposal; the model with the tuned encoder tells them
    /// apart (the shipped model of 2026-11-26: proposal 0.80 from the proposer; reaction 0.66, proposal
    /// 0.28 from the supporter).
    /// </summary>
    [Fact]
    public void ScoreArticle_SameQuote_ProposesFromTheProposerAndReactsFromOthers()
    {
        const string Lede = """
            Harbour levy unveiled to pay for sea wall

            Mayor Ines Okafor on Monday proposed a £40 million levy on cargo landed at Porthmere harbour to pay for a new sea wall.

            The charge would add £3 to every tonne of freight from April, Okafor told the council.

            The harbour was built in 1874 and its wall was last rebuilt in 1952.


            """;
        const string Quote = "“This levy is the right thing for the harbour and for the town,”";

        var byProposer = fixture.Predictor.ScoreArticle(Lede + Quote + " Okafor said.")[^1].Prediction;
        var byOther = fixture.Predictor.ScoreArticle(Lede + "Shipping agent Daniel Brandt, who has lobbied for repairs for years, welcomed the plan.\n\n" + Quote + " Brandt said.")[^1].Prediction;

        Assert.Equal(StanceLabel.Proposal, byProposer.Label);
        Assert.Equal(StanceLabel.Reaction, byOther.Label);
    }

    private void AssertShare(string[] sentences, StanceLabel expected, double floor)
    {
        var wrong = new List<string>();
        foreach (var sentence in sentences)
        {
            var scored = fixture.Predictor.ScoreArticle(Head + sentence + Tail);
            var label = scored.Single(s => s.Text == sentence).Prediction.Label;
            if (label != expected)
            {
                wrong.Add($"{label}: {sentence}");
            }
        }

        var share = 1 - (double)wrong.Count / sentences.Length;
        Assert.True(share >= floor, $"{share:P0} labelled {expected}, floor {floor:P0}; wrong:\n{string.Join("\n", wrong)}");
    }
}
