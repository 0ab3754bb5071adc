using System.Text.RegularExpressions;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;
using StanceML.Embeddings;
using StanceML.Modeling;
using StanceML.Text;
using StanceML.Training.Corpus;
using StanceML.Tuning;

namespace StanceML.Training.Training;

/// <summary>
/// Fits the StanceML pipeline: word and character n-grams of the normalised sentence (no stop-word
/// removal: "would", "not", "against" are the cues), article cue tokens, a multiclass learner with
/// probabilities. The same rows and options always give the same model.
/// </summary>
internal static class StanceTrainer
{
    private const float SdcaL2Scale = 2e-4f;

    /// <summary>Trains on <paramref name="rows"/> and returns the model as the bytes of a .zip file.</summary>
    /// <param name="embeddings">
    /// Shared cache of the packaged encoder's embeddings (cross-validation); one is made when needed
    /// and none is given. Not used when the encoder is tuned: each tuned encoder embeds anew.
    /// </param>
    /// <param name="progress">Receives progress lines of long steps (tuning the encoder); may be null.</param>
    public static byte[] Train(IReadOnlyList<CorpusRow> rows, bool hasArticles, TrainingOptions options, CancellationToken cancellationToken, EmbeddingCache? embeddings = null, IProgress<string>? progress = null)
    {
        options.Validate();
        if (rows.Count == 0)
        {
            throw new ArgumentException("No rows to train on.", nameof(rows));
        }

        var ml = new MLContext(seed: options.Seed);
        cancellationToken.ThrowIfCancellationRequested();
        var inputs = ToInputs(rows, hasArticles, options);
        EncoderWeights? tuned = null;
        if (options.TuneEncoder)
        {
            tuned = options.TunedEncoder ?? EncoderTuner.Tune(TuningSentences(rows, hasArticles, options), options.Tuning, progress, cancellationToken);
            embeddings = null;
        }

        if (options.Embeddings)
        {
            using var owned = embeddings is null ? new EmbeddingCache(tuned) : null;
            var vectors = (embeddings ?? owned!).Embed(inputs.Select(i => EncoderInputs.Text(i, options.EncoderInput)).ToList(), cancellationToken);
            for (var i = 0; i < inputs.Count; i++)
            {
                inputs[i].Embedding = vectors[i];
            }
        }

        var data = ml.Data.LoadFromEnumerable(inputs);

        var textOptions = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = true,
            KeepNumbers = true,
            StopWordsRemoverOptions = null,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = options.WordNgrams, UseAllLengths = true },
            CharFeatureExtractor = options.CharNgrams > 0
                ? new WordBagEstimator.Options { NgramLength = options.CharNgrams, UseAllLengths = false }
                : null,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };

        IEstimator<ITransformer> pipeline = ml.Transforms.Conversion
            .MapValueToKey("Label", "Label", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue);
        var featureColumns = new List<string>();
        if (options.Ngrams)
        {
            pipeline = pipeline.Append(ml.Transforms.Text.FeaturizeText("TextFeatures", textOptions, nameof(StanceInput.Text)));
            featureColumns.Add("TextFeatures");
        }

        if (options.ArticleFeatures)
        {
            var contextOptions = new TextFeaturizingEstimator.Options
            {
                CaseMode = TextNormalizingEstimator.CaseMode.None,
                KeepPunctuations = true,
                StopWordsRemoverOptions = null,
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 1 },
                CharFeatureExtractor = null,
                Norm = TextFeaturizingEstimator.NormFunction.None,
            };
            pipeline = pipeline.Append(ml.Transforms.Text.FeaturizeText(ModelScorer.ContextFeaturesColumn, contextOptions, nameof(StanceInput.Context)));
            featureColumns.Add(ModelScorer.ContextFeaturesColumn);
        }

        if (options.Embeddings)
        {
            pipeline = pipeline.Append(ml.Transforms.CopyColumns(ModelScorer.EmbeddingFeaturesColumn, nameof(StanceInput.Embedding)));
            featureColumns.Add(ModelScorer.EmbeddingFeaturesColumn);
        }

        pipeline = pipeline.Append(ml.Transforms.Concatenate("Features", [.. featureColumns]));
        pipeline = options.Trainer switch
        {
            TrainerKind.Sdca => pipeline.Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(
                new SdcaMaximumEntropyMulticlassTrainer.Options
                {
                    LabelColumnName = "Label",
                    FeatureColumnName = "Features",
                    ExampleWeightColumnName = nameof(StanceInput.Weight),
                    // SDCA's L2 is per example; this scale makes the one default (0.5) a good value for both learners.
                    L2Regularization = Math.Max(options.L2 * SdcaL2Scale, 1e-8f),
                    NumberOfThreads = 1,
                    MaximumNumberOfIterations = 100,
                })),
            TrainerKind.LightGbm => pipeline.Append(ml.MulticlassClassification.Trainers.LightGbm(
                new Microsoft.ML.Trainers.LightGbm.LightGbmMulticlassTrainer.Options
                {
                    LabelColumnName = "Label",
                    FeatureColumnName = "Features",
                    ExampleWeightColumnName = nameof(StanceInput.Weight),
                    NumberOfIterations = 300,
                    LearningRate = 0.05,
                    NumberOfLeaves = 31,
                    MinimumExampleCountPerLeaf = 10,
                    NumberOfThreads = 1,
                    Seed = options.Seed,
                    Verbose = false,
                    Silent = true,
                })),
            _ => pipeline.Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(
                new LbfgsMaximumEntropyMulticlassTrainer.Options
                {
                    LabelColumnName = "Label",
                    FeatureColumnName = "Features",
                    ExampleWeightColumnName = nameof(StanceInput.Weight),
                    L2Regularization = options.L2,
                    L1Regularization = options.L1,
                    NumberOfThreads = 1,
                    MaximumNumberOfIterations = 200,
                })),
        };
        pipeline = pipeline.Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

        var model = pipeline.Fit(data);
        cancellationToken.ThrowIfCancellationRequested();
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        // The training sentences travel with the model, for the nearest examples of explanations.
        var bytes = ExampleIndex.AddTo(stream.ToArray(), rows.Select(r => (r.Text, r.Label, r.ArticleId)));
        if (tuned is not null)
        {
            bytes = ModelFile.SetEntry(bytes, EncoderWeights.EntryName, tuned.ToBytes());
        }

        // Models that read sentences alone carry no entry, so their files stay as before.
        return options.EncoderInput == EncoderInput.Sentence ? bytes : ModelFile.SetEntry(bytes, EncoderInputs.EntryName, EncoderInputs.ToEntry(options.EncoderInput));
    }

    /// <summary>
    /// The texts the encoder is tuned on: the article's own sentences once each (the augmented rows
    /// are views of them); with the speaker tag, each behind its tag, and the speaker swaps too;
    /// with <see cref="TrainingOptions.TuneUntagged"/>, each also as written.
    /// </summary>
    internal static List<(string Text, StanceLabel Label)> TuningSentences(IReadOnlyList<CorpusRow> rows, bool hasArticles, TrainingOptions options)
    {
        if (options.EncoderInput == EncoderInput.Sentence || !hasArticles)
        {
            return rows.Select(r => (r.Text, r.Label)).ToList();
        }

        var sentences = new List<(string Text, StanceLabel Label)>(rows.Count);
        foreach (var article in CorpusFile.GroupByArticle(rows, hasArticles))
        {
            var prepared = ArticleContext.Build(article.Select(r => r.Text).ToList());
            sentences.AddRange(article.Select((r, i) => (EncoderInputs.Text(prepared[i], options.EncoderInput), r.Label)));
            if (options.TuneUntagged)
            {
                sentences.AddRange(article.Select(r => (r.Text, r.Label)));
            }

            if (options.SpeakerSwaps)
            {
                sentences.AddRange(FindSpeakerSwaps(article).Select(s => (EncoderInputs.Text(s.Row, options.EncoderInput), StanceLabel.Reaction)));
            }
        }

        return sentences;
    }

    /// <summary>Turns corpus rows into pipeline rows: article by article, with cues, weights and labels.</summary>
    internal static List<StanceInput> ToInputs(IReadOnlyList<CorpusRow> rows, bool hasArticles, TrainingOptions options)
    {
        var weights = ClassWeights(rows, options.BalanceClasses);
        var inputs = new List<StanceInput>(rows.Count);
        var articles = CorpusFile.GroupByArticle(rows, hasArticles);
        var articleAware = hasArticles && options.ArticleFeatures;
        foreach (var article in articles)
        {
            var prepared = articleAware
                ? ArticleContext.Build(article.Select(r => r.Text).ToList())
                : article.Select(r => ArticleContext.Standalone(r.Text)).ToList();
            for (var i = 0; i < article.Count; i++)
            {
                inputs.Add(Labelled(prepared[i], article[i].Label, weights));
            }

            if (articleAware && options.QuoteFragments)
            {
                inputs.AddRange(QuoteFragments(article, weights));
            }

            if (articleAware && options.SpeakerSwaps)
            {
                inputs.AddRange(SpeakerSwaps(article, weights));
            }

            // Predict(sentence) has no article: teach the model that case too, from the same rows.
            if (articleAware && options.StandaloneRows)
            {
                inputs.AddRange(article.Select(r => Labelled(ArticleContext.Standalone(r.Text), r.Label, weights)));
            }
        }

        return inputs;
    }

    // Invented rows teach the rule without outweighing what was written: half the weight of a corpus row.
    private const float SpeakerSwapWeight = 0.5f;

    // Invented people for SpeakerSwaps; none is a name in the corpus.
    private static readonly string[] Strangers =
    [
        "Dana Whitcombe", "Ravi Menon", "Lucia Ferreira", "Tomasz Wierzbicki", "Abena Owusu", "Gareth Pryce",
        "Mei-Ling Chow", "Oskar Lindqvist", "Farah Haddad", "Callum Rennie", "Ines Baptista", "Yusuf Demir",
    ];

    /// <summary>
    /// Tie-breaker 1 of the guidelines: the proposer's own words for the plan (quoted or
    /// paraphrased) are a proposal, the same words from anyone else a reaction. The corpus seldom
    /// shows the second, so the model learns the words rather than the speaker. Each proposal
    /// sentence that names its speaker, the proposer ("Okafor said", "she added", "the mayor
    /// argued"), is copied with that attribution replaced by an invented person, re-read in its
    /// article (so the cues now say another party speaks) and labelled reaction.
    /// </summary>
    internal static IEnumerable<StanceInput> SpeakerSwaps(IReadOnlyList<CorpusRow> article, Dictionary<StanceLabel, float> weights)
    {
        foreach (var swap in FindSpeakerSwaps(article))
        {
            var labelled = Labelled(swap.Row, StanceLabel.Reaction, weights);
            labelled.Weight *= SpeakerSwapWeight;
            yield return labelled;
        }
    }

    /// <summary>
    /// The article re-told once per proposal sentence its proposer speaks, with that attribution
    /// given to an invented person; only the copies the article reader then reads as another
    /// party speaking. The training rows of <c>--speaker-swaps</c>, and a measure of how far the
    /// speaker decides a model's label.
    /// </summary>
    internal static IEnumerable<SpeakerSwap> FindSpeakerSwaps(IReadOnlyList<CorpusRow> article)
    {
        var texts = article.Select(r => r.Text).ToList();
        var reading = ArticleContext.Read(texts);
        for (var i = 0; i < article.Count; i++)
        {
            var cues = reading.Rows[i].Context.Split(' ');
            if (article[i].Label != StanceLabel.Proposal || !cues.Contains("spk_proposer") || cues.Contains("spk_borrowed") || reading.Attributions[i] is not { } attribution)
            {
                continue;
            }

            // The attribution is the last mention of the phrase ("…," she said. / She said: "…").
            var mention = Regex.Matches(texts[i], $@"\b{Regex.Escape(attribution)}\b").LastOrDefault();
            if (mention is null)
            {
                continue;
            }

            var stranger = Strangers[i % Strangers.Length];
            var swapped = texts.ToList();
            swapped[i] = string.Concat(texts[i].AsSpan(0, mention.Index), stranger, texts[i].AsSpan(mention.Index + mention.Length));
            var row = ArticleContext.Build(swapped)[i];
            if (row.Context.Split(' ').Contains("spk_other"))
            {
                yield return new SpeakerSwap(i, swapped, row);
            }
        }
    }

    // Many news pipelines split "“It works. Trust me,” she said." into two sentences, leaving a
    // fragment without its attribution. Re-reading each article split that way, and keeping the
    // fragments (labelled like the sentence they come from), teaches the model such fragments.
    private static IEnumerable<StanceInput> QuoteFragments(IReadOnlyList<CorpusRow> article, Dictionary<StanceLabel, float> weights)
    {
        var pieces = article.Select(r => NewsSegmenter.SplitInsideQuotes(r.Text)).ToList();
        if (pieces.All(p => p.Count <= 1))
        {
            yield break;
        }

        var texts = new List<string>();
        var owners = new List<int>();
        for (var i = 0; i < article.Count; i++)
        {
            var split = pieces[i].Count == 0 ? [article[i].Text] : pieces[i];
            texts.AddRange(split);
            owners.AddRange(Enumerable.Repeat(pieces[i].Count > 1 ? i : -1, split.Count));
        }

        var prepared = ArticleContext.Build(texts);
        for (var k = 0; k < texts.Count; k++)
        {
            if (owners[k] >= 0)
            {
                yield return Labelled(prepared[k], article[owners[k]].Label, weights);
            }
        }
    }

    private static StanceInput Labelled(StanceInput input, StanceLabel label, Dictionary<StanceLabel, float> weights)
    {
        input.Label = label.ToName();
        input.Weight = weights[label];
        return input;
    }

    private static Dictionary<StanceLabel, float> ClassWeights(IReadOnlyList<CorpusRow> rows, bool balance)
    {
        var counts = rows.GroupBy(r => r.Label).ToDictionary(g => g.Key, g => g.Count());
        return StanceLabels.All.ToDictionary(
            l => l,
            l => balance && counts.TryGetValue(l, out var n) ? (float)rows.Count / (counts.Count * n) : 1f);
    }
}

/// <summary>An article with one proposer's attribution given to an invented person.</summary>
/// <param name="Index">The sentence whose speaker was replaced.</param>
/// <param name="Sentences">The article's sentences, that one changed.</param>
/// <param name="Row">The changed sentence read in the changed article.</param>
internal sealed record SpeakerSwap(int Index, IReadOnlyList<string> Sentences, StanceInput Row);
