using System.Diagnostics;
using Microsoft.ML.Tokenizers;
using StanceML.Embeddings;
using TorchSharp;
using static TorchSharp.torch;

namespace StanceML.Tuning;

/// <summary>
/// Fine-tunes all-MiniLM-L6-v2 on labelled sentences: the encoder's mean-pooled vector feeds a
/// linear layer over the three labels, trained with class-balanced cross-entropy and AdamW. The
/// head is thrown away; what the model keeps is the tuned encoder, whose embeddings the model's
/// own learner then reads beside the n-grams and article cues. With
/// <see cref="EncoderTuningOptions.Runs"/> above 1 the encoder is tuned once per seed and the
/// weights are averaged (a uniform "model soup": runs from the same starting point stay in one
/// basin, so their average is a network too). Deterministic for the same data, options and
/// thread count; concurrent calls take turns.
/// </summary>
internal static class EncoderTuner
{
    private const int Labels = 3;

    // TorchSharp's random generator and thread count are global to the process: two tunings at
    // once would draw each other's dropout masks and lose reproducibility, so they take turns.
    private static readonly Lock TorchState = new();

    /// <summary>Tunes the packaged encoder on <paramref name="sentences"/> and returns the weights it changed.</summary>
    /// <param name="sentences">Training sentences and their labels; every label must occur.</param>
    /// <param name="options">Hyperparameters; validated here.</param>
    /// <param name="progress">Receives a line every 50 steps and one per epoch; may be null.</param>
    /// <param name="cancellationToken">Checked before every step.</param>
    public static EncoderWeights Tune(IReadOnlyList<(string Text, StanceLabel Label)> sentences, EncoderTuningOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var counts = new int[Labels];
        foreach (var (_, label) in sentences)
        {
            counts[(int)label]++;
        }

        if (counts.Any(c => c == 0))
        {
            throw new ArgumentException("Every label needs at least one training sentence to tune the encoder.", nameof(sentences));
        }

        lock (TorchState)
        {
            return TuneAlone(sentences, counts, options, progress, cancellationToken);
        }
    }

    private static EncoderWeights TuneAlone(IReadOnlyList<(string Text, StanceLabel Label)> sentences, int[] counts, EncoderTuningOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        TorchNative.EnsureLoaded();
        torch.set_num_threads(options.Threads > 0 ? options.Threads : Environment.ProcessorCount);
        var tokenizer = MiniLmEmbedder.CreateTokenizer();
        var encoded = sentences.Select(s => (Ids: Encode(tokenizer, s.Text, options.MaxTokens), Label: (long)s.Label)).ToList();
        var packaged = OnnxWeights.Read(MiniLmEmbedder.PackagedModel());
        var classWeights = counts.Select(c => (float)sentences.Count / (Labels * c)).ToArray();

        Dictionary<string, float[]>? sum = null;
        for (var run = 0; run < options.Runs; run++)
        {
            var seed = options.Seed + run;
            var prefix = options.Runs > 1 ? $"run {run + 1}/{options.Runs}, " : string.Empty;
            var weights = TuneOnce(encoded, classWeights, packaged, options, seed, prefix, progress, cancellationToken);
            if (sum is null)
            {
                sum = weights;
                continue;
            }

            foreach (var (name, values) in weights)
            {
                var total = sum[name];
                for (var i = 0; i < total.Length; i++)
                {
                    total[i] += values[i];
                }
            }
        }

        foreach (var values in sum!.Values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] /= options.Runs;
            }
        }

        return new EncoderWeights(sum);
    }

    private static Dictionary<string, float[]> TuneOnce(
        List<(long[] Ids, long Label)> encoded,
        float[] labelWeights,
        OnnxWeights packaged,
        EncoderTuningOptions options,
        int seed,
        string prefix,
        IProgress<string>? progress,
        CancellationToken cancellationToken)
    {
        torch.manual_seed(seed);
        using var network = new MiniLmNetwork(options.Dropout);
        network.Load(packaged);
        network.WordEmbeddings.requires_grad = !options.FreezeWordEmbeddings;
        using var head = nn.Linear(MiniLmEmbedder.Dimensions, Labels);
        var parameters = network.parameters().Concat(head.parameters()).Where(p => p.requires_grad).ToList();
        using var optimizer = optim.AdamW(parameters, options.LearningRate, weight_decay: 0.01);
        using var classWeights = tensor(labelWeights);

        var random = new Random(seed);
        var stepsPerEpoch = (encoded.Count + options.BatchSize - 1) / options.BatchSize;
        var totalSteps = options.Epochs * stepsPerEpoch;
        var step = 0;
        var clock = Stopwatch.StartNew();
        network.train();
        head.train();
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var lossSum = 0.0;
            foreach (var batch in Batches(encoded, options.BatchSize, random))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var (ids, mask) = Pad(batch.Select(b => b.Ids).ToList());
                var logits = head.forward(network.forward(ids, mask));
                var loss = nn.functional.cross_entropy(logits, tensor(batch.Select(b => b.Label).ToArray()), weight: classWeights);
                optimizer.zero_grad();
                loss.backward();
                nn.utils.clip_grad_norm_(parameters, 1.0);
                foreach (var group in optimizer.ParamGroups)
                {
                    group.LearningRate = options.LearningRate * Schedule(step, totalSteps);
                }

                optimizer.step();
                step++;
                lossSum += loss.item<float>();
                if (step % 50 == 0)
                {
                    progress?.Report($"tuning the encoder: {prefix}step {step}/{totalSteps}, {clock.Elapsed.TotalSeconds:F0} s");
                }
            }

            progress?.Report($"tuning the encoder: {prefix}epoch {epoch}/{options.Epochs}, mean loss {lossSum / stepsPerEpoch:F4}");
        }

        return network.Export(includeWordEmbeddings: !options.FreezeWordEmbeddings);
    }

    /// <summary>10% linear warm-up, then linear decay to 1% of the peak.</summary>
    internal static double Schedule(int step, int totalSteps)
    {
        var fraction = (double)step / totalSteps;
        return Math.Max(fraction < 0.1 ? fraction / 0.1 : (1 - fraction) / 0.9, 0.01);
    }

    /// <summary>Shuffled batches of sentences of similar length (less padding), in shuffled order.</summary>
    private static List<(long[] Ids, long Label)[]> Batches(List<(long[] Ids, long Label)> items, int size, Random random)
    {
        var shuffled = items.OrderBy(_ => random.Next()).ToList();
        return shuffled.Chunk(size * 50)
            .SelectMany(pool => pool.OrderBy(i => i.Ids.Length).Chunk(size))
            .OrderBy(_ => random.Next())
            .ToList();
    }

    private static long[] Encode(BertTokenizer tokenizer, string text, int maxTokens) =>
        [.. tokenizer.EncodeToIds(text, maxTokens, addSpecialTokens: true, out _, out _).Select(i => (long)i)];

    private static (Tensor Ids, Tensor Mask) Pad(List<long[]> rows)
    {
        var width = rows.Max(r => r.Length);
        var ids = new long[rows.Count * width];
        var mask = new long[rows.Count * width];
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].CopyTo(ids, i * width);
            Array.Fill(mask, 1L, i * width, rows[i].Length);
        }

        return (tensor(ids, [rows.Count, width]), tensor(mask, [rows.Count, width]));
    }
}
