using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace StanceML.Modeling;

/// <summary>
/// Wraps a loaded ML.NET model: reads its label order, pools prediction engines for single
/// sentences and scores batches through <see cref="ITransformer.Transform"/>. Thread-safe.
/// </summary>
internal sealed class ModelScorer : IDisposable
{
    /// <summary>Column the pipeline writes article features to; its presence marks an article-aware model.</summary>
    public const string ContextFeaturesColumn = "ContextFeatures";

    /// <summary>Column the pipeline copies embeddings to; its presence marks a model that needs them.</summary>
    public const string EmbeddingFeaturesColumn = "EmbeddingFeatures";

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly ObjectPool<PredictionEngine<StanceInput, StanceOutput>> _engines;

    private readonly Lazy<Embeddings.MiniLmEmbedder>? _embedder;
    private readonly Lazy<ExampleIndex?> _examples;

    private ModelScorer(MLContext ml, ITransformer model, IReadOnlyList<StanceLabel> labels, bool articleAware, bool usesEmbeddings, Embeddings.EncoderWeights? encoderWeights, EncoderInput encoderInput, Calibration calibration, Func<ExampleIndex?> examples)
    {
        Calibration = calibration;
        EncoderInput = encoderInput;
        _ml = ml;
        _model = model;
        // Built on the first explanation: scoring alone never pays for the index.
        _examples = new Lazy<ExampleIndex?>(examples, LazyThreadSafetyMode.ExecutionAndPublication);
        Labels = labels;
        IsArticleAware = articleAware;
        _embedder = usesEmbeddings
            ? new Lazy<Embeddings.MiniLmEmbedder>(
                () => Embeddings.MiniLmEmbedder.Create(encoderWeights),
                LazyThreadSafetyMode.ExecutionAndPublication)
            : null;
        // For a disposable type the provider's pool disposes engines it drops and, on Dispose, those it holds.
        _engines = new DefaultObjectPoolProvider { MaximumRetained = Math.Max(2, Environment.ProcessorCount * 2) }
            .Create(new EnginePolicy(ml, model));
    }

    public IReadOnlyList<StanceLabel> Labels { get; }

    public bool IsArticleAware { get; }

    /// <summary>True for a model that reads sentence embeddings.</summary>
    public bool UsesEmbeddings => _embedder is not null;

    /// <summary>What the model's encoder reads of each row (<see cref="Modeling.EncoderInput.Sentence"/> for models without the entry).</summary>
    public EncoderInput EncoderInput { get; }

    /// <summary>The temperature applied to the model's probabilities (<see cref="Calibration.None"/> when uncalibrated).</summary>
    public Calibration Calibration { get; }

    /// <summary>The labelled training sentences stored in the model file, or null when it has none.</summary>
    public ExampleIndex? Examples => _examples.Value;

    public static ModelScorer Load(Stream stream)
    {
        var ml = new MLContext(seed: 0);
        Stream source = stream;
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            source = copy;
        }

        var start = source.Position;
        ITransformer model;
        DataViewSchema outputSchema;
        try
        {
            model = ml.Model.Load(source, out _);
            var inputSchema = ml.Data.LoadFromEnumerable(Array.Empty<StanceInput>()).Schema;
            outputSchema = model.GetOutputSchema(inputSchema);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException(
                $"not a StanceML model ({e.GetType().Name}: {e.Message}); train one with `stanceml train`.", e);
        }

        var labels = ReadLabels(outputSchema);
        source.Position = start;
        var entries = ModelFile.ReadEntries(source, ExampleIndex.EntryName, Calibration.EntryName, Embeddings.EncoderWeights.EntryName, EncoderInputs.EntryName);
        var calibration = entries.TryGetValue(Calibration.EntryName, out var calibrationEntry) ? Calibration.Parse(calibrationEntry) : Calibration.None;
        var examples = entries.GetValueOrDefault(ExampleIndex.EntryName);

        return new ModelScorer(
            ml,
            model,
            labels,
            outputSchema.GetColumnOrNull(ContextFeaturesColumn) is not null,
            outputSchema.GetColumnOrNull(EmbeddingFeaturesColumn) is not null,
            entries.TryGetValue(Embeddings.EncoderWeights.EntryName, out var tuned) ? Embeddings.EncoderWeights.Parse(tuned) : null,
            EncoderInputs.FromEntries(entries),
            calibration,
            () => examples is null ? null : ExampleIndex.Parse(examples));
    }

    /// <summary>Scores one sentence on its own through a pooled engine.</summary>
    public StancePrediction Predict(string sentence)
    {
        var engine = _engines.Get();
        try
        {
            var input = ArticleContext.Standalone(sentence);
            AddEmbeddings([input]);
            var output = engine.Predict(input);
            return ToPrediction(output.Score);
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    /// <summary>Scores prepared rows in one pass through the model, keeping their order.</summary>
    public IReadOnlyList<StancePrediction> Score(IReadOnlyList<StanceInput> rows)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        AddEmbeddings(rows);
        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(rows));
        return _ml.Data.CreateEnumerable<StanceOutput>(scored, reuseRowObject: false)
            .Select(o => ToPrediction(o.Score))
            .ToList();
    }

    public void Dispose()
    {
        (_engines as IDisposable)?.Dispose();
        if (_embedder is { IsValueCreated: true })
        {
            _embedder.Value.Dispose();
        }
    }

    private void AddEmbeddings(IReadOnlyList<StanceInput> rows)
    {
        if (_embedder is null)
        {
            return;
        }

        // Rows that already carry an embedding (explanation variants share their sentence's) keep it.
        var missing = rows.Where(r => !r.HasEmbedding).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var vectors = _embedder.Value.Embed(missing.Select(r => EncoderInputs.Text(r, EncoderInput)).ToList());
        for (var i = 0; i < missing.Count; i++)
        {
            missing[i].Embedding = vectors[i];
        }
    }

    internal StancePrediction ToPrediction(float[] score)
    {
        Calibration.Apply(score);
        var scores = new Dictionary<StanceLabel, float>(Labels.Count);
        var best = 0;
        for (var i = 0; i < Labels.Count; i++)
        {
            var p = i < score.Length && float.IsFinite(score[i]) ? score[i] : 0f;
            scores[Labels[i]] = p;
            if (p > scores[Labels[best]])
            {
                best = i;
            }
        }

        // A probability of exactly 0 would break the (0, 1] contract; it only happens on underflow.
        var confidence = Math.Clamp(scores[Labels[best]], float.Epsilon, 1f);
        return new StancePrediction(Labels[best], confidence, scores);
    }

    private static List<StanceLabel> ReadLabels(DataViewSchema schema)
    {
        DataViewSchema.Column scoreColumn = schema.GetColumnOrNull("Score")
            ?? throw new InvalidDataException("the model has no Score column; train one with `stanceml train`.");
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        try
        {
            scoreColumn.GetSlotNames(ref names);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
        {
            throw new InvalidDataException("the model's scores carry no label names; train it with `stanceml train`.", e);
        }

        var labels = new List<StanceLabel>();
        foreach (var name in names.DenseValues())
        {
            if (!StanceLabels.TryParse(name.ToString(), out var label))
            {
                throw new InvalidDataException($"the model predicts an unknown label '{name}'; it was not trained by StanceML.");
            }

            labels.Add(label.Value);
        }

        if (labels.Count == 0)
        {
            throw new InvalidDataException("the model knows no labels; retrain it with `stanceml train`.");
        }

        return labels;
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer model) : IPooledObjectPolicy<PredictionEngine<StanceInput, StanceOutput>>
    {
        public PredictionEngine<StanceInput, StanceOutput> Create() =>
            ml.Model.CreatePredictionEngine<StanceInput, StanceOutput>(model);

        public bool Return(PredictionEngine<StanceInput, StanceOutput> obj) => true;
    }
}
