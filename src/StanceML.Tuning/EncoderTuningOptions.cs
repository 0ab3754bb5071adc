namespace StanceML.Tuning;

/// <summary>Hyperparameters of fine-tuning the sentence encoder: plain data with documented defaults, validated once.</summary>
internal sealed record EncoderTuningOptions
{
    /// <summary>Passes over the training sentences. Default 3.</summary>
    public int Epochs { get; init; } = 3;

    /// <summary>Peak learning rate of AdamW (10% linear warm-up, then linear decay). Default 5e-5.</summary>
    public double LearningRate { get; init; } = 5e-5;

    /// <summary>Sentences per step. Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Word pieces kept per sentence, [CLS] and [SEP] included. Default 64 (longer sentences are cut).</summary>
    public int MaxTokens { get; init; } = 64;

    /// <summary>Dropout inside the encoder while tuning. Default 0.1.</summary>
    public double Dropout { get; init; } = 0.1;

    /// <summary>Keep the word-piece embedding table as shipped (a smaller model file; words unseen in training keep their meaning). Default true.</summary>
    public bool FreezeWordEmbeddings { get; init; } = true;

    /// <summary>Seed of the initial head, dropout and batch order (<c>--seed</c> of <c>train</c>). Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Runs to average ("model soup"): the encoder is tuned this many times, with seeds
    /// <see cref="Seed"/>, <see cref="Seed"/> + 1, …, and the weights are averaged. Each run costs
    /// the same time; the average varies less from seed to seed than one run. Default 1.
    /// </summary>
    public int Runs { get; init; } = 1;

    /// <summary>Threads for TorchSharp; 0 uses every core. The same seed, data and thread count give the same weights.</summary>
    public int Threads { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 1, nameof(Epochs));
        if (!(LearningRate > 0 && LearningRate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be between 0 and 1 (5e-5 is the default).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTokens, 8, nameof(MaxTokens));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxTokens, 512, nameof(MaxTokens));
        if (!(Dropout >= 0 && Dropout < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "Dropout must be in [0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(Threads, nameof(Threads));
        ArgumentOutOfRangeException.ThrowIfLessThan(Runs, 1, nameof(Runs));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Runs, 16, nameof(Runs));
    }
}
