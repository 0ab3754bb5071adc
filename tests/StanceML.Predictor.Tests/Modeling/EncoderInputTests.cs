using System.Text;
using StanceML.Modeling;

namespace StanceML.Tests.Modeling;

public class EncoderInputTests
{
    private static readonly string[] Article =
    [
        "Mayor Ines Okafor on Monday proposed a £40 million levy on cargo landed at Porthmere harbour.",
        "“This levy is the right thing for the harbour,” Okafor said.",
        "“It will sink the port,” said Daniel Brandt, a shipping agent.",
        "The harbour was built in 1874.",
    ];

    [Fact]
    public void Text_WithTheSpeakerTag_NamesWhoSpeaksInTheArticle()
    {
        var rows = ArticleContext.Build(Article);

        Assert.Equal("proposer speaking: “This levy is the right thing for the harbour,” Okafor said.", EncoderInputs.Text(rows[1], EncoderInput.Speaker));
        Assert.Equal("other party speaking: “It will sink the port,” said Daniel Brandt, a shipping agent.", EncoderInputs.Text(rows[2], EncoderInput.Speaker));
        Assert.Equal("reporter: The harbour was built in 1874.", EncoderInputs.Text(rows[3], EncoderInput.Speaker));
    }

    [Fact]
    public void Text_OfTheSentenceInput_OrWithoutAnArticle_IsTheSentenceAsWritten()
    {
        var rows = ArticleContext.Build(Article);
        var standalone = ArticleContext.Standalone(Article[1]);

        Assert.Equal(Article[1], EncoderInputs.Text(rows[1], EncoderInput.Sentence));
        Assert.Equal(Article[1], EncoderInputs.Text(standalone, EncoderInput.Speaker));
        Assert.Equal(string.Empty, standalone.Speaker);
    }

    [Fact]
    public void Text_SameWordsFromTheProposerAndFromACritic_DifferOnlyInTheTag()
    {
        var critic = Article.ToArray();
        critic[0] = "Harbour master Tom Reid on Monday proposed a £40 million levy on cargo landed at Porthmere harbour.";

        var asProposer = EncoderInputs.Text(ArticleContext.Build(Article)[1], EncoderInput.Speaker);
        var asOther = EncoderInputs.Text(ArticleContext.Build(critic)[1], EncoderInput.Speaker);

        Assert.NotEqual(asProposer, asOther);
        Assert.EndsWith(Article[1], asOther);
        Assert.StartsWith("other party speaking: ", asOther);
    }

    [Fact]
    public void Entry_RoundTrips()
    {
        foreach (var input in Enum.GetValues<EncoderInput>())
        {
            Assert.Equal(input, EncoderInputs.Parse(EncoderInputs.ToEntry(input)));
        }
    }

    [Theory]
    [InlineData("paragraph")]
    [InlineData("1")]
    [InlineData("")]
    public void Parse_UnknownInput_SaysToRetrain(string content)
    {
        var error = Assert.Throws<InvalidDataException>(() => EncoderInputs.Parse(Encoding.UTF8.GetBytes(content)));

        Assert.Contains(EncoderInputs.EntryName, error.Message);
        Assert.Contains("retrain", error.Message);
    }

    [Fact]
    public void FromEntries_WithoutTheEntry_IsTheSentenceInput_AndWithItWhatItNames()
    {
        Assert.Equal(EncoderInput.Sentence, EncoderInputs.FromEntries(new Dictionary<string, byte[]>()));
        Assert.Equal(EncoderInput.Speaker, EncoderInputs.FromEntries(new Dictionary<string, byte[]> { [EncoderInputs.EntryName] = EncoderInputs.ToEntry(EncoderInput.Speaker) }));
    }
}
