using StanceML.Modeling;
using StanceML.Text;
using System.Text.RegularExpressions;

namespace StanceML.Tests;

public sealed class StanceExplanationTests(ShippedModelFixture fixture) : IClassFixture<ShippedModelFixture>, IDisposable
{
    private readonly StancePredictor _predictor = fixture.Predictor;
    private readonly ModelScorer _scorer = LoadScorer();

    public void Dispose() => _scorer.Dispose();

    private static ModelScorer LoadScorer()
    {
        using var model = File.OpenRead(ShippedModelFixture.ModelPath);
        return ModelScorer.Load(model);
    }

    private static readonly string[] Article =
    [
        "Mayor Jane Ortiz proposes congestion charge for city centre",
        "Mayor Jane Ortiz proposed on Monday a daily charge of £8 for drivers entering the city centre.",
        "\"It will clear the air and pay for the buses,\" Ortiz said.",
        "\"It is a tax on people who have no other way to get to work,\" said Tom Reed, who leads the opposition group.",
        "The city last considered a charge in 2004.",
    ];

    [Theory]
    [InlineData("The council proposed a congestion charge of £8 a day for drivers entering the centre.")]
    [InlineData("There was no immediate response from the union.")]
    [InlineData("“This is a tax on working families,” said the leader of the opposition.")]
    public void Explain_Sentence_GivesThePredictAnswer(string sentence)
    {
        var expected = _predictor.Predict(sentence);

        var explanation = _predictor.Explain(sentence);

        Assert.Equal(expected.Label, explanation.Prediction.Label);
        Assert.Equal(expected.Confidence, explanation.Prediction.Confidence, 5);
    }

    [Fact]
    public void Explain_ArticleSentence_GivesTheArticleAnswer()
    {
        var expected = _predictor.ScoreSentencesOfArticle(Article);

        for (var i = 0; i < Article.Length; i++)
        {
            var explanation = _predictor.Explain(Article, i);
            Assert.Equal(expected[i].Label, explanation.Prediction.Label);
            Assert.Equal(expected[i].Confidence, explanation.Prediction.Confidence, 5);
        }
    }

    [Theory]
    [InlineData("There was no immediate response from the union.")]
    [InlineData("The levy would raise £2bn a year, ministers said.")]
    [InlineData("Shares in the company rose 6% after the offer was announced.")]
    public void Explain_WordEffect_IsTheFallWhenTheWordIsTakenAway(string sentence)
    {
        var explanation = _predictor.Explain(sentence);
        var label = explanation.Prediction.Label;

        // Words that occur once, so that taking the first occurrence away is what the explainer did.
        var words = explanation.Words.Where(w => !w.Feature.Contains(' ') && Regex.Matches(sentence, $@"\b{Regex.Escape(w.Feature)}\b").Count == 1).ToList();
        Assert.NotEmpty(words);
        foreach (var word in words)
        {
            var start = Regex.Match(sentence, $@"\b{Regex.Escape(word.Feature)}\b").Index;
            var without = string.Concat(sentence.AsSpan(0, start), " ", sentence.AsSpan(start + word.Feature.Length));
            // The explainer holds the sentence's cues (and embedding, for models with one) fixed while it takes a word away.
            var row = ArticleContext.Standalone(sentence);
            _scorer.Score([row]);
            var variant = new StanceInput { Text = FeatureText.Normalize(without), Raw = without, Context = row.Context, Embedding = row.Embedding };
            var rescored = _scorer.Score([variant])[0].Scores[label];
            Assert.Equal(explanation.Prediction.Confidence - rescored, word.Effect, 4);
            Assert.True(word.Effect > 0, $"'{word.Feature}' is listed but lowered nothing ({word.Effect}).");
        }

        Assert.True(explanation.Words.Zip(explanation.Words.Skip(1)).All(p => p.First.Effect >= p.Second.Effect), "words are not strongest first");
    }

    [Theory]
    [InlineData("There was no immediate response from the union.")]
    [InlineData("The levy would raise £2bn a year, ministers said.")]
    public void Explain_Meaning_IsTheFallWhenTheEmbeddingIsTakenAway(string sentence)
    {
        var explanation = _predictor.Explain(sentence);
        var row = ArticleContext.Standalone(sentence);
        _scorer.Score([row]);
        var variant = new StanceInput { Text = row.Text, Raw = row.Raw, Context = row.Context, Embedding = new float[row.Embedding.Length] };

        var rescored = _scorer.Score([variant])[0].Scores[explanation.Prediction.Label];

        Assert.NotNull(explanation.Meaning);
        Assert.Equal(explanation.Prediction.Confidence - rescored, explanation.Meaning.Effect, 4);
        Assert.NotEqual(0f, explanation.Meaning.Effect);
    }

    [Fact]
    public void Explain_ModelWithoutEmbeddings_HasNoMeaning()
    {
        using var fast = StancePredictor.Load(TestPaths.Repo("models", "stance-fast.zip"));

        Assert.Null(fast.Explain("There was no immediate response from the union.").Meaning);
    }

    [Fact]
    public void Explain_ProposerQuote_NamesTheProposer()
    {
        var explanation = _predictor.Explain(Article, 2);

        var cue = Assert.Single(explanation.ArticleCues, c => c.Feature == "spk_proposer");
        Assert.Contains("Ortiz", cue.Description);
        Assert.DoesNotContain(explanation.ArticleCues, c => c.Feature == "spk_other");
    }

    [Fact]
    public void Explain_CriticQuote_NamesAnotherParty()
    {
        var explanation = _predictor.Explain(Article, 3);

        var cue = Assert.Single(explanation.ArticleCues, c => c.Feature == "spk_other");
        Assert.Contains("Tom Reed", cue.Description);
    }

    [Fact]
    public void Explain_SentenceAlone_HasOnlyTheSentenceCues()
    {
        var explanation = _predictor.Explain(Article[2]);

        Assert.Contains(explanation.ArticleCues, c => c.Feature == "noarticle" && c.Description == "scored without its article");
        Assert.DoesNotContain(explanation.ArticleCues, c => c.Feature.StartsWith("spk_", StringComparison.Ordinal) || c.Feature.StartsWith("pos_", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_SeedArticle_ResolvesTheEnvoyToTheProposer()
    {
        var sentences = NewsSegmenter.Sentences(File.ReadAllText(TestPaths.Repo("seeds", "seed-article.txt"))).Select(s => s.Text).ToList();
        var index = sentences.FindIndex(s => s.StartsWith("In a post on X, the envoy", StringComparison.Ordinal));

        var explanation = _predictor.Explain(sentences, index);

        Assert.Contains(explanation.ArticleCues, c => c.Feature == "spk_proposer" && c.Description.Contains("the envoy"));
        Assert.Contains(explanation.ArticleCues, c => c.Feature == "mentions_proposer" || c.Feature.StartsWith("pos_", StringComparison.Ordinal));
    }

    [Fact]
    public void Describe_EveryCueTheArticleReaderProduces_HasADescription()
    {
        var seed = NewsSegmenter.Sentences(File.ReadAllText(TestPaths.Repo("seeds", "seed-article.txt"))).Select(s => s.Text).ToList();
        var rows = ArticleContext.Build(seed).Concat(ArticleContext.Build(Article)).Concat(seed.Select(ArticleContext.Standalone));
        var cues = rows.SelectMany(r => r.Context.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();

        Assert.True(cues.Count > 25, $"only {cues.Count} distinct cues seen");
        Assert.All(cues, cue => Assert.NotEqual(cue, Explainer.Describe(cue, "Okafor", ["Okafor"])));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    public void Explain_IndexOutsideTheArticle_ThrowsSayingTheRange(int index)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => _predictor.Explain(Article, index));

        Assert.Equal("index", e.ParamName);
        Assert.Contains("from 0 to 4", e.Message);
    }

    [Fact]
    public void Explain_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => _predictor.Explain((string)null!));
        Assert.Throws<ArgumentNullException>(() => _predictor.Explain((IReadOnlyList<string>)null!, 0));
        Assert.Throws<ArgumentNullException>(() => _predictor.Explain(["a", null!], 0));
    }

    [Fact]
    public void Explain_FromManyThreads_GivesTheSingleThreadAnswers()
    {
        var expected = Enumerable.Range(0, Article.Length).Select(i => Describe(_predictor.Explain(Article, i))).ToList();

        Parallel.For(0, Article.Length * 6, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k =>
        {
            var i = k % Article.Length;
            Assert.Equal(expected[i], Describe(_predictor.Explain(Article, i)));
        });
    }

    private static string Describe(StanceExplanation e) =>
        $"{e.Prediction.Label} {e.Prediction.Confidence:0.0000} | {string.Join(", ", e.Words.Select(w => $"{w.Feature} {w.Effect:0.0000}"))} | {string.Join(", ", e.ArticleCues.Select(c => $"{c.Feature} {c.Effect:0.0000}"))}";
}
