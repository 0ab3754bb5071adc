using System.Collections.Concurrent;
using StanceML.Embeddings;

namespace StanceML.Training.Training;

/// <summary>
/// Embeds texts once per encoder: cross-validation trains several models on overlapping rows.
/// Thread-safe. Dispose to release the ONNX session.
/// </summary>
internal sealed class EmbeddingCache : IDisposable
{
    private readonly Lazy<MiniLmEmbedder> _embedder;

    /// <summary>A cache over the packaged encoder, or over it with <paramref name="tuned"/> weights.</summary>
    public EmbeddingCache(EncoderWeights? tuned = null)
    {
        _embedder = new(() => MiniLmEmbedder.Create(tuned), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private readonly ConcurrentDictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var missing = texts.Where(t => !_vectors.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var vectors = _embedder.Value.Embed(missing, cancellationToken);
            for (var i = 0; i < missing.Count; i++)
            {
                _vectors[missing[i]] = vectors[i];
            }
        }

        return texts.Select(t => _vectors[t]).ToArray();
    }

    public void Dispose()
    {
        if (_embedder.IsValueCreated)
        {
            _embedder.Value.Dispose();
        }
    }
}
