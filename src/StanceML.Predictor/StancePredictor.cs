using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using StanceML.Modeling;
using StanceML.Text;

namespace StanceML;

/// <summary>
/// Scores sentences and whole articles with a trained StanceML model.
/// </summary>
/// <remarks>
/// Thread-safe: load once and share the instance across threads. Single predictions go through a
/// pool of ML.NET prediction engines (which are not thread-safe themselves); batches and articles
/// are scored in one pass through the model. Dispose when done to release the pooled engines.
/// </remarks>
public sealed class StancePredictor : IDisposable
{
    private readonly ModelScorer _scorer;
    private bool _disposed;

    private StancePredictor(ModelScorer scorer) => _scorer = scorer;

    /// <summary>The labels of the model, in the order the model reports its scores.</summary>
    public IReadOnlyList<StanceLabel> Labels => _scorer.Labels;

    /// <summary>True when the model reads the article around a sentence (see <see cref="ScoreArticle"/>).</summary>
    public bool IsArticleAware => _scorer.IsArticleAware;

    /// <summary>Loads a model written by <c>stanceml train</c>.</summary>
    /// <param name="modelPath">Path of the model .zip file.</param>
    /// <returns>A predictor to share across threads.</returns>
    /// <exception cref="ArgumentException"><paramref name="modelPath"/> is null or blank.</exception>
    /// <exception cref="FileNotFoundException">No file at <paramref name="modelPath"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a StanceML model.</exception>
    public static StancePredictor Load(string modelPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException(
                $"Model '{modelPath}' not found; train one with `stanceml train --model {modelPath}` or pass the path of an existing model.",
                modelPath);
        }

        using var stream = File.OpenRead(modelPath);
        try
        {
            return Load(stream);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Model '{modelPath}': {e.Message}", e.InnerException);
        }
    }

    /// <summary>Loads a model from a stream holding the bytes of a model .zip file.</summary>
    /// <param name="model">The model; read to its end, not closed.</param>
    /// <returns>A predictor to share across threads.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="InvalidDataException">The bytes are not a StanceML model.</exception>
    public static StancePredictor Load(Stream model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new StancePredictor(ModelScorer.Load(model));
    }

    /// <summary>
    /// Labels one sentence on its own, without its article. Use <see cref="ScoreArticle"/> when the
    /// article is at hand: whether a quote proposes or reacts depends on who proposed.
    /// </summary>
    /// <param name="sentence">The sentence; empty or blank text gets the model's prior answer.</param>
    /// <returns>The label, its probability and the probability of every label.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sentence"/> is null.</exception>
    public StancePrediction Predict(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _scorer.Predict(sentence);
    }

    /// <summary>Labels many sentences, each on its own, in one pass through the model.</summary>
    /// <param name="sentences">The sentences; none may be null.</param>
    /// <returns>One prediction per sentence, in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sentences"/> or one of its items is null.</exception>
    public IReadOnlyList<StancePrediction> PredictBatch(IEnumerable<string> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var list = sentences.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentNullException(nameof(sentences), $"Sentence {i} is null; pass empty text instead.");
            }
        }

        return _scorer.Score(list.Select(s => ArticleContext.Standalone(s)).ToList());
    }

    /// <summary>
    /// Splits an article into sentences (skipping page furniture) and labels each one in the
    /// context of the whole article.
    /// </summary>
    /// <param name="articleText">The article: headline, paragraphs, any furniture.</param>
    /// <returns>The article's sentences in order, with offsets into <paramref name="articleText"/>; empty for blank text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="articleText"/> is null.</exception>
    public IReadOnlyList<ScoredSentence> ScoreArticle(string articleText)
    {
        ArgumentNullException.ThrowIfNull(articleText);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var sentences = NewsSegmenter.Sentences(articleText);
        var predictions = ScoreSentencesOfArticle(sentences.Select(s => s.Text).ToList());
        return sentences.Select((s, i) => new ScoredSentence(s.Text, s.Start, s.Length, predictions[i])).ToList();
    }

    /// <summary>
    /// Labels the sentences of one article, given already split, in the context of each other.
    /// </summary>
    /// <param name="sentences">The article's sentences in reading order (headline first).</param>
    /// <returns>One prediction per sentence, in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sentences"/> or one of its items is null.</exception>
    public IReadOnlyList<StancePrediction> ScoreSentencesOfArticle(IReadOnlyList<string> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (sentences.Any(s => s is null))
        {
            throw new ArgumentNullException(nameof(sentences), "A sentence is null; pass empty text instead.");
        }

        return _scorer.Score(ArticleContext.Build(sentences));
    }

    /// <summary>
    /// Labels one sentence on its own, as <see cref="Predict"/> does, and says what drove the label:
    /// the words and phrases with the largest effects and the sentence's own cues.
    /// </summary>
    /// <param name="sentence">The sentence.</param>
    /// <returns>The prediction and its drivers. Costs about two predictions per word of the sentence.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sentence"/> is null.</exception>
    public StanceExplanation Explain(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Explainer.Explain(_scorer, ArticleContext.Standalone(sentence), speaker: null, proposers: []);
    }

    /// <summary>
    /// Labels one sentence of an article in the context of the others, as
    /// <see cref="ScoreSentencesOfArticle"/> does, and says what drove the label: the words and
    /// phrases with the largest effects and the article cues that fired (for example
    /// "speaker is the proposer (Dmitriev)").
    /// </summary>
    /// <param name="sentences">The article's sentences in reading order (headline first).</param>
    /// <param name="index">The sentence to explain, 0-based.</param>
    /// <returns>The prediction and its drivers. Costs about two predictions per word of the sentence.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sentences"/> or one of its items is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not the index of a sentence.</exception>
    public StanceExplanation Explain(IReadOnlyList<string> sentences, int index)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (sentences.Any(s => s is null))
        {
            throw new ArgumentNullException(nameof(sentences), "A sentence is null; pass empty text instead.");
        }

        if (index < 0 || index >= sentences.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The article has {sentences.Count} sentences; pass an index from 0 to {sentences.Count - 1}.");
        }

        var reading = ArticleContext.Read(sentences);
        return Explainer.Explain(_scorer, reading.Rows[index], reading.Speakers[index], reading.Proposers);
    }

    /// <summary>Releases the pooled prediction engines.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _scorer.Dispose();
        }
    }
}
