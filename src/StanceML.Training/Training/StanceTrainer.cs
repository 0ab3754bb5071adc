using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;
using StanceML.Modeling;
using StanceML.Training.Corpus;

namespace StanceML.Training.Training;

/// <summary>
/// Fits the StanceML pipeline: word and character n-grams of the normalised sentence (no stop-word
/// removal: "would", "not", "against" are the cues), article cue tokens, a multiclass learner with
/// probabilities. The same rows and options always give the same model.
/// </summary>
internal static class StanceTrainer
{
    /// <summary>Trains on <paramref name="rows"/> and returns the model as the bytes of a .zip file.</summary>
    public static byte[] Train(IReadOnlyList<CorpusRow> rows, bool hasArticles, TrainingOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        if (rows.Count == 0)
        {
            throw new ArgumentException("No rows to train on.", nameof(rows));
        }

        var ml = new MLContext(seed: options.Seed);
        cancellationToken.ThrowIfCancellationRequested();
        var inputs = ToInputs(rows, hasArticles, options);
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
            .MapValueToKey("Label", "Label", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.Text.FeaturizeText("TextFeatures", textOptions, nameof(StanceInput.Text)));

        var featureColumns = new List<string> { "TextFeatures" };
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

        pipeline = pipeline.Append(ml.Transforms.Concatenate("Features", [.. featureColumns]));
        pipeline = options.Trainer switch
        {
            TrainerKind.Sdca => pipeline.Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(
                new SdcaMaximumEntropyMulticlassTrainer.Options
                {
                    LabelColumnName = "Label",
                    FeatureColumnName = "Features",
                    ExampleWeightColumnName = nameof(StanceInput.Weight),
                    L2Regularization = Math.Max(options.L2, 1e-6f),
                    NumberOfThreads = 1,
                    MaximumNumberOfIterations = 100,
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
        return stream.ToArray();
    }

    /// <summary>Turns corpus rows into pipeline rows: article by article, with cues, weights and labels.</summary>
    internal static List<StanceInput> ToInputs(IReadOnlyList<CorpusRow> rows, bool hasArticles, TrainingOptions options)
    {
        var weights = ClassWeights(rows, options.BalanceClasses);
        var inputs = new List<StanceInput>(rows.Count);
        var articles = new CorpusFile(string.Empty, rows, hasArticles, string.Empty).Articles();
        foreach (var article in articles)
        {
            var prepared = hasArticles && options.ArticleFeatures
                ? ArticleContext.Build(article.Select(r => r.Text).ToList())
                : article.Select(r => ArticleContext.Standalone(r.Text)).ToList();
            for (var i = 0; i < article.Count; i++)
            {
                prepared[i].Label = article[i].Label.ToName();
                prepared[i].Weight = weights[article[i].Label];
                inputs.Add(prepared[i]);
            }
        }

        return inputs;
    }

    private static Dictionary<StanceLabel, float> ClassWeights(IReadOnlyList<CorpusRow> rows, bool balance)
    {
        var counts = rows.GroupBy(r => r.Label).ToDictionary(g => g.Key, g => g.Count());
        return StanceLabels.All.ToDictionary(
            l => l,
            l => balance && counts.TryGetValue(l, out var n) ? (float)rows.Count / (counts.Count * n) : 1f);
    }
}
