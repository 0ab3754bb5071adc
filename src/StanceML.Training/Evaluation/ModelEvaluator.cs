using StanceML.Training.Corpus;
using StanceML.Training.Training;

namespace StanceML.Training.Evaluation;

/// <summary>Scores labelled rows with a model, article by article, and cross-validates by article.</summary>
internal static class ModelEvaluator
{
    // Effects below half a percentage point are noise; they only crowd the report.
    /// <summary>Effects smaller than this are left out of the report.</summary>
    internal const double MinimumEffect = 0.005;

    /// <summary>
    /// Scores <paramref name="corpus"/>'s rows the way <see cref="StancePredictor.ScoreArticle"/> scores an
    /// article (each article's rows together, in order) when the file has article ids, else one by one.
    /// </summary>
    /// <returns>The rows in article order and their predictions.</returns>
    public static (IReadOnlyList<CorpusRow> Rows, IReadOnlyList<StancePrediction> Predictions) Score(
        StancePredictor predictor, IReadOnlyList<CorpusRow> rows, bool hasArticles, CancellationToken cancellationToken)
    {
        var ordered = new List<CorpusRow>(rows.Count);
        var predictions = new List<StancePrediction>(rows.Count);
        if (!hasArticles)
        {
            const int batch = 1024;
            for (var i = 0; i < rows.Count; i += batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunk = rows.Skip(i).Take(batch).ToList();
                ordered.AddRange(chunk);
                predictions.AddRange(predictor.PredictBatch(chunk.Select(r => r.Text)));
            }

            return (ordered, predictions);
        }

        foreach (var article in CorpusFile.GroupByArticle(rows, hasArticles: true))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ordered.AddRange(article);
            predictions.AddRange(predictor.ScoreSentencesOfArticle(article.Select(r => r.Text).ToList()));
        }

        return (ordered, predictions);
    }

    /// <summary>
    /// Grouped K-fold cross-validation: articles (or, without article ids, rows) are shuffled with
    /// the seed and dealt into <paramref name="folds"/> folds; each fold is scored by a fresh model
    /// trained on the others. Folds run in parallel; the result does not depend on their order.
    /// </summary>
    public static async Task<EvaluationReport> CrossValidateAsync(
        CorpusFile corpus, int folds, TrainingOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (options.TunedEncoder is not null)
        {
            throw new ArgumentException("cross-validation tunes a fresh encoder in every fold; an encoder tuned before has seen the held-out folds.", nameof(options));
        }

        var groups = corpus.Rows.Select(r => GroupOf(r, corpus.HasArticles)).Distinct().OrderBy(g => g, StringComparer.Ordinal).ToList();
        if (groups.Count < folds)
        {
            throw new Cli.CliException($"{corpus.Path}: {groups.Count} articles cannot fill {folds} folds; lower --folds.", Cli.CliException.BadUsage);
        }

        var random = new Random(options.Seed);
        var shuffled = groups.OrderBy(_ => random.Next()).ToList();
        var foldOf = shuffled.Select((g, i) => (g, i % folds)).ToDictionary(x => x.g, x => x.Item2, StringComparer.Ordinal);

        var results = new (IReadOnlyList<CorpusRow> Rows, IReadOnlyList<StancePrediction> Predictions)[folds];
        var perFold = new EvaluationReport[folds];
        using var embeddings = options.Embeddings ? new EmbeddingCache() : null;
        // Tuning uses every core itself (and tunings take turns anyway): folds that tune run one
        // at a time, so that their embedding and learner steps do not crowd each other out.
        await Parallel.ForEachAsync(
            Enumerable.Range(0, folds),
            new ParallelOptions { MaxDegreeOfParallelism = options.TuneEncoder ? 1 : Environment.ProcessorCount, CancellationToken = cancellationToken },
            (fold, ct) =>
            {
                var started = System.Diagnostics.Stopwatch.StartNew();
                var train = corpus.Rows.Where(r => foldOf[GroupOf(r, corpus.HasArticles)] != fold).ToList();
                var test = corpus.Rows.Where(r => foldOf[GroupOf(r, corpus.HasArticles)] == fold).ToList();
                var bytes = StanceTrainer.Train(train, corpus.HasArticles, options, ct, embeddings);
                using var predictor = StancePredictor.Load(new MemoryStream(bytes));
                results[fold] = Score(predictor, test, corpus.HasArticles, ct);
                perFold[fold] = MetricsCalculator.Compute(results[fold].Rows, results[fold].Predictions, string.Empty, string.Empty, string.Empty);
                progress?.Report($"fold {fold + 1}/{folds}: {test.Count} sentences, macro-F1 {perFold[fold].MacroF1:0.000} ({started.Elapsed.TotalSeconds:0.0} s)");
                return ValueTask.CompletedTask;
            });

        var (f1Mean, f1Std) = MetricsCalculator.MeanStd(perFold.Select(r => r.MacroF1).ToList());
        var (accMean, accStd) = MetricsCalculator.MeanStd(perFold.Select(r => r.Accuracy).ToList());
        var pooled = MetricsCalculator.Compute(
            results.SelectMany(r => r.Rows).ToList(),
            results.SelectMany(r => r.Predictions).ToList(),
            $"{folds}-fold cross-validation ({options.Trainer}, seed {options.Seed})",
            corpus.Path,
            corpus.Sha256);
        var perClass = pooled.PerClass.Keys.ToDictionary(
            label => label,
            label =>
            {
                var (mean, std) = MetricsCalculator.MeanStd(perFold.Select(r => r.PerClass[label].F1).ToList());
                return new Spread(mean, std);
            });
        return pooled with
        {
            CrossValidation = new FoldSummary(folds, f1Mean, f1Std, accMean, accStd, perFold.Select(r => r.MacroF1).ToList())
            {
                PerClassF1 = perClass,
            },
        };
    }

    /// <summary>
    /// Adds to each listed error of <paramref name="report"/> what drove the wrong label (see
    /// <see cref="StancePredictor.Explain(IReadOnlyList{string}, int)"/>): its strongest words and
    /// phrases and, for article scoring, the article cues.
    /// </summary>
    public static EvaluationReport ExplainErrors(
        StancePredictor predictor, EvaluationReport report, IReadOnlyList<CorpusRow> rows, bool byArticle, CancellationToken cancellationToken)
    {
        var articles = byArticle
            ? CorpusFile.GroupByArticle(rows, hasArticles: true).ToDictionary(a => a[0].ArticleId, StringComparer.Ordinal)
            : null;
        var explained = new List<ErrorExample>(report.Errors.Count);
        foreach (var error in report.Errors)
        {
            cancellationToken.ThrowIfCancellationRequested();
            StanceExplanation explanation;
            if (articles is not null && articles.TryGetValue(error.ArticleId, out var article))
            {
                var index = article.ToList().FindIndex(r => r.SentenceIndex == error.SentenceIndex);
                explanation = predictor.Explain(article.Select(r => r.Text).ToList(), index);
            }
            else
            {
                explanation = predictor.Explain(error.Text);
            }

            explained.Add(error with
            {
                Terms = explanation.Words.Where(w => w.Effect >= MinimumEffect).Select(ToDriver).ToList(),
                Cues = explanation.ArticleCues.Where(c => c.Effect >= MinimumEffect).Take(4).Select(ToDriver).ToList(),
                Meaning = explanation.Meaning is { } meaning ? ToDriver(meaning) : null,
                Neighbours = explanation.Neighbours.Take(2).Select(n => new Neighbour(n.Text, n.Label.ToName(), n.ArticleId, Math.Round(n.Similarity, 3))).ToList(),
            });
        }

        return report with { Errors = explained };
    }

    private static Driver ToDriver(StanceDriver driver) => new(driver.Description, Math.Round(driver.Effect, 4));

    private static string GroupOf(CorpusRow row, bool hasArticles) =>
        hasArticles ? row.ArticleId : row.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
