using StanceML.Embeddings;
using StanceML.Modeling;
using StanceML.Training.Corpus;
using StanceML.Training.Evaluation;
using StanceML.Training.Training;
using StanceML.Tuning;

namespace StanceML.Tests.Training;

public class EncoderInputTrainingTests
{
    private static readonly (string Text, StanceLabel Label)[] Sentences =
    [
        ("Mayor Ines Okafor on Monday proposed a £40 million levy on cargo landed at Porthmere harbour.", StanceLabel.Proposal),
        ("“This levy is the right thing for the harbour and for the town,” Okafor said.", StanceLabel.Proposal),
        ("“It will sink the port,” said Daniel Brandt, a shipping agent.", StanceLabel.Reaction),
        ("The harbour was built in 1874.", StanceLabel.Context),
        ("The company offered $4 a share for its smaller rival, Harlow Foods.", StanceLabel.Proposal),
        ("Harlow's board rejected the bid as too low.", StanceLabel.Reaction),
        ("“We will not be bought on the cheap,” said Harlow's chairman, Rosa Kemp.", StanceLabel.Reaction),
        ("Harlow was founded in 1987 in Leeds.", StanceLabel.Context),
    ];

    private static readonly TrainingOptions Tagged = new()
    {
        Embeddings = true,
        TuneEncoder = true,
        EncoderInput = EncoderInput.Speaker,
        SpeakerSwaps = true,
        QuoteFragments = false,
        Tuning = new EncoderTuningOptions { Epochs = 1, BatchSize = 4, MaxTokens = 32, LearningRate = 1e-4, Threads = 1 },
    };

    private static List<CorpusRow> Rows() =>
        Sentences.Select((s, i) => new CorpusRow($"a{i / 4}", (i % 4) + 1, s.Text, s.Label, string.Empty, i + 2)).ToList();

    [Fact]
    public void TuningSentences_WithTheSpeakerTag_AreTaggedAndIncludeTheSwaps()
    {
        var sentences = StanceTrainer.TuningSentences(Rows(), hasArticles: true, Tagged);

        Assert.Equal(Sentences.Length + 1, sentences.Count);
        Assert.Contains(("proposer speaking: " + Sentences[1].Text, StanceLabel.Proposal), sentences);
        Assert.Contains(("other party speaking: " + Sentences[2].Text, StanceLabel.Reaction), sentences);
        Assert.Contains(("reporter: " + Sentences[3].Text, StanceLabel.Context), sentences);
        var swap = Assert.Single(sentences, s => s.Text.StartsWith("other party speaking: “This levy", StringComparison.Ordinal));
        Assert.Equal(StanceLabel.Reaction, swap.Label);
        Assert.DoesNotContain("Okafor", swap.Text);
    }

    [Fact]
    public void TuningSentences_OfTheSentenceInput_AreTheRowsAsWritten()
    {
        var sentences = StanceTrainer.TuningSentences(Rows(), hasArticles: true, Tagged with { EncoderInput = EncoderInput.Sentence });

        Assert.Equal(Sentences, sentences);
    }

    [Fact]
    public void TuningSentences_WithUntagged_AddEachSentenceAsWrittenToo()
    {
        var tagged = StanceTrainer.TuningSentences(Rows(), hasArticles: true, Tagged);
        var both = StanceTrainer.TuningSentences(Rows(), hasArticles: true, Tagged with { TuneUntagged = true });

        Assert.Equal(tagged.Count + Sentences.Length, both.Count);
        Assert.All(tagged, s => Assert.Contains(s, both));
        Assert.All(Sentences, s => Assert.Contains(s, both));
    }

    [Fact]
    public void Validate_Untagged_NeedsATaggedInput()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => (Tagged with { TuneUntagged = true, EncoderInput = EncoderInput.Sentence }).Validate());

        Assert.Equal(nameof(TrainingOptions.TuneUntagged), error.ParamName);
        Assert.Contains("--encoder-input Speaker", error.Message);
    }

    [Fact]
    public void Validate_SpeakerTag_NeedsATunedEncoderAndArticleCues()
    {
        Assert.Equal(nameof(TrainingOptions.EncoderInput), Assert.Throws<ArgumentOutOfRangeException>(() => (Tagged with { TuneEncoder = false }).Validate()).ParamName);
        Assert.Equal(nameof(TrainingOptions.EncoderInput), Assert.Throws<ArgumentOutOfRangeException>(() => (Tagged with { ArticleFeatures = false }).Validate()).ParamName);
        Tagged.Validate();
    }

    [Fact]
    public void Train_WithTheSpeakerTag_StoresItAndScoresArticlesThroughTaggedText()
    {
        var bytes = StanceTrainer.Train(Rows(), hasArticles: true, Tagged, CancellationToken.None);

        var entries = ModelFile.ReadEntries(new MemoryStream(bytes), EncoderInputs.EntryName, EncoderWeights.EntryName);
        Assert.Equal(EncoderInput.Speaker, EncoderInputs.Parse(entries[EncoderInputs.EntryName]));
        using var scorer = ModelScorer.Load(new MemoryStream(bytes));
        Assert.Equal(EncoderInput.Speaker, scorer.EncoderInput);

        var rows = ArticleContext.Build(Sentences.Take(4).Select(s => s.Text).ToList());
        scorer.Score(rows);
        using var embedder = MiniLmEmbedder.Create(EncoderWeights.Parse(entries[EncoderWeights.EntryName]));
        var tagged = embedder.Embed(["proposer speaking: " + Sentences[1].Text, Sentences[1].Text]);
        Assert.Equal(tagged[0], rows[1].Embedding, (a, b) => Math.Abs(a - b) < 1e-5f);
        Assert.NotEqual(tagged[1], rows[1].Embedding, (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public void Explain_WithTheSpeakerTag_TakesTheTagAwayWithTheSpeakerCue()
    {
        var bytes = StanceTrainer.Train(Rows(), hasArticles: true, Tagged, CancellationToken.None);
        var article = Sentences.Take(4).Select(s => s.Text).ToList();
        using var predictor = StancePredictor.Load(new MemoryStream(bytes));
        using var scorer = ModelScorer.Load(new MemoryStream(bytes));

        var explanation = predictor.Explain(article, 1);

        var row = ArticleContext.Build(article)[1];
        var label = explanation.Prediction.Label;
        var untagged = new StanceInput { Text = row.Text, Raw = row.Raw, Context = string.Join(' ', row.Context.Split(' ').Where(c => c != "spk_proposer")) };
        var stillTagged = new StanceInput { Text = row.Text, Raw = row.Raw, Context = untagged.Context, Speaker = row.Speaker };
        var scores = scorer.Score([untagged, stillTagged]);
        var cue = Assert.Single(explanation.ArticleCues, c => c.Feature == "spk_proposer");
        Assert.Equal(explanation.Prediction.Confidence - scores[0].Scores[label], cue.Effect, 1e-5f);
        Assert.NotEqual(explanation.Prediction.Confidence - scores[1].Scores[label], cue.Effect, 1e-5f);
    }

    [Fact]
    public void Train_WithTheSentenceInput_WritesNoEntry()
    {
        var bytes = StanceTrainer.Train(Rows(), hasArticles: true, Tagged with { EncoderInput = EncoderInput.Sentence, TuneEncoder = false }, CancellationToken.None);

        Assert.Empty(ModelFile.ReadEntries(new MemoryStream(bytes), EncoderInputs.EntryName));
        using var scorer = ModelScorer.Load(new MemoryStream(bytes));
        Assert.Equal(EncoderInput.Sentence, scorer.EncoderInput);
    }

    [Fact]
    public void Train_WithAnEncoderTunedBefore_UsesItInsteadOfTuning()
    {
        var first = StanceTrainer.Train(Rows(), hasArticles: true, Tagged, CancellationToken.None);
        var weights = WeightsEntry(first);
        var otherSeed = Tagged with { Seed = 2, Tuning = Tagged.Tuning with { Seed = 2 } };

        var refit = StanceTrainer.Train(Rows(), hasArticles: true, otherSeed with { L2 = 2f, TunedEncoder = EncoderWeights.Parse(weights) }, CancellationToken.None);
        var tunedAgain = StanceTrainer.Train(Rows(), hasArticles: true, otherSeed, CancellationToken.None);

        Assert.Equal(weights, WeightsEntry(refit));
        Assert.NotEqual(weights, WeightsEntry(tunedAgain));
    }

    [Fact]
    public void Train_WithTheEncoderItWouldTune_GivesTheSameModel()
    {
        var tuned = StanceTrainer.Train(Rows(), hasArticles: true, Tagged, CancellationToken.None);

        var refit = StanceTrainer.Train(Rows(), hasArticles: true, Tagged with { TunedEncoder = EncoderWeights.Parse(WeightsEntry(tuned)) }, CancellationToken.None);

        using var a = StancePredictor.Load(new MemoryStream(tuned));
        using var b = StancePredictor.Load(new MemoryStream(refit));
        var article = Sentences.Select(s => s.Text).ToList();
        Assert.Equal(Flat(a.ScoreSentencesOfArticle(article)), Flat(b.ScoreSentencesOfArticle(article)));
    }

    [Fact]
    public async Task EncoderTunedBefore_IsRefusedWithoutTuningAndInCrossValidation()
    {
        var weights = new EncoderWeights(new Dictionary<string, float[]>());

        Assert.Equal(nameof(TrainingOptions.TunedEncoder), Assert.Throws<ArgumentOutOfRangeException>(() => (Tagged with { TuneEncoder = false, EncoderInput = EncoderInput.Sentence, TunedEncoder = weights }).Validate()).ParamName);
        var corpus = new CorpusFile("rows", Rows(), HasArticles: true, Sha256: "");
        var e = await Assert.ThrowsAsync<ArgumentException>(() => ModelEvaluator.CrossValidateAsync(corpus, 2, Tagged with { TunedEncoder = weights }, null, CancellationToken.None));
        Assert.Contains("fresh encoder in every fold", e.Message);
    }

    private static float[] Flat(IReadOnlyList<StancePrediction> predictions) =>
        predictions.SelectMany(p => StanceLabels.All.Select(l => p.Scores[l])).ToArray();

    private static byte[] WeightsEntry(byte[] model) => ModelFile.ReadEntries(new MemoryStream(model), EncoderWeights.EntryName)[EncoderWeights.EntryName];
}
