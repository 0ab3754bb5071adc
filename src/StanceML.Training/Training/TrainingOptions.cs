using System.Text.Json.Serialization;
using StanceML.Embeddings;
using StanceML.Modeling;
using StanceML.Tuning;

namespace StanceML.Training.Training;

/// <summary>The learner behind a model.</summary>
internal enum TrainerKind
{
    /// <summary>Multinomial logistic regression by L-BFGS (deterministic, the default).</summary>
    Lbfgs,

    /// <summary>Multinomial logistic regression by SDCA.</summary>
    Sdca,

    /// <summary>Gradient-boosted trees (LightGBM), which can combine article cues with each other.</summary>
    LightGbm,
}

/// <summary>Hyperparameters of a training run: plain data with documented defaults, validated once.</summary>
internal sealed record TrainingOptions
{
    /// <summary>Seed of every random choice (ML.NET context, fold assignment). Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The learner. Default <see cref="TrainerKind.Lbfgs"/>.</summary>
    public TrainerKind Trainer { get; init; } = TrainerKind.Lbfgs;

    /// <summary>L2 regularisation weight. Default 0.5, chosen by cross-validation (scaled by 2e-4 for SDCA, whose L2 is per example).</summary>
    public float L2 { get; init; } = 0.5f;

    /// <summary>L1 regularisation weight (L-BFGS). Default 0.</summary>
    public float L1 { get; init; }

    /// <summary>Longest word n-gram. Default 2.</summary>
    public int WordNgrams { get; init; } = 2;

    /// <summary>Character n-gram length (0 turns character n-grams off). Default 4.</summary>
    public int CharNgrams { get; init; } = 4;

    /// <summary>Read each sentence in its article (speaker, proposer, position cues). Default true.</summary>
    public bool ArticleFeatures { get; init; } = true;

    /// <summary>Also train on quote fragments: each article re-split inside quotations (see <c>NewsSegmenter.SplitInsideQuotes</c>). Default true.</summary>
    public bool QuoteFragments { get; init; } = true;

    /// <summary>Also train on every sentence without its article, for <c>Predict(sentence)</c>. Default true.</summary>
    public bool StandaloneRows { get; init; } = true;

    /// <summary>
    /// Also train on the proposer's quoted proposal sentences re-attributed to an invented person and
    /// labelled reaction (tie-breaker 1 of the guidelines). Default false.
    /// </summary>
    public bool SpeakerSwaps { get; init; }

    /// <summary>Use word and character n-grams of the sentence. Default true.</summary>
    public bool Ngrams { get; init; } = true;

    /// <summary>Add MiniLM sentence embeddings beside the n-grams (slower to train and to score). Default false.</summary>
    public bool Embeddings { get; init; }

    /// <summary>
    /// Fine-tune the embeddings' encoder on the training sentences first (needs <see cref="Embeddings"/>);
    /// the tuned weights travel in the model file. Default false.
    /// </summary>
    public bool TuneEncoder { get; init; }

    /// <summary>How the encoder is tuned when <see cref="TuneEncoder"/> is set.</summary>
    public EncoderTuningOptions Tuning { get; init; } = new();

    /// <summary>
    /// An encoder tuned before (taken from another model file) to use instead of tuning one, when
    /// <see cref="TuneEncoder"/> is set: the rest of the model is refitted in minutes. It should have
    /// been tuned on the same training rows with the same <see cref="EncoderInput"/>; nothing here can
    /// check the rows. Not for cross-validation, whose folds must each tune their own. Null (the
    /// default): tune. Not serialized with the options; the model card names its file (encoderFrom).
    /// </summary>
    [JsonIgnore]
    public EncoderWeights? TunedEncoder { get; init; }

    /// <summary>
    /// What the encoder reads of each row when <see cref="TuneEncoder"/> is set: the sentence, or the
    /// sentence behind a tag naming who speaks (see <see cref="Modeling.EncoderInput.Speaker"/>); with
    /// the tag and <see cref="SpeakerSwaps"/>, the swapped rows are tuned on too. Default
    /// <see cref="Modeling.EncoderInput.Sentence"/>.
    /// </summary>
    public EncoderInput EncoderInput { get; init; } = EncoderInput.Sentence;

    /// <summary>
    /// With a tagged <see cref="EncoderInput"/>: also tune the encoder on every sentence without its
    /// tag, as <c>Predict(sentence)</c> and an explanation without the speaker read it. Tuning takes
    /// twice as long. Default false.
    /// </summary>
    public bool TuneUntagged { get; init; }

    /// <summary>Weight examples so that every label weighs the same in training. Default true.</summary>
    public bool BalanceClasses { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a value no run can use.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(L2, nameof(L2));
        ArgumentOutOfRangeException.ThrowIfNegative(L1, nameof(L1));
        ArgumentOutOfRangeException.ThrowIfLessThan(WordNgrams, 1, nameof(WordNgrams));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(WordNgrams, 4, nameof(WordNgrams));
        ArgumentOutOfRangeException.ThrowIfNegative(CharNgrams, nameof(CharNgrams));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(CharNgrams, 6, nameof(CharNgrams));
        if (!Ngrams && !Embeddings)
        {
            throw new ArgumentOutOfRangeException(nameof(Ngrams), "false", "a model needs n-grams or embeddings (or both).");
        }

        if (TuneEncoder && !Embeddings)
        {
            throw new ArgumentOutOfRangeException(nameof(TuneEncoder), "true", "tuning the encoder needs embeddings (--embeddings).");
        }

        if (EncoderInput != EncoderInput.Sentence && !(TuneEncoder && ArticleFeatures))
        {
            throw new ArgumentOutOfRangeException(nameof(EncoderInput), EncoderInput, "the speaker tag needs an encoder tuned with it and the article's cues (--tune-encoder, without --no-article-features).");
        }

        if (TuneUntagged && EncoderInput == EncoderInput.Sentence)
        {
            throw new ArgumentOutOfRangeException(nameof(TuneUntagged), "true", "tuning on untagged sentences too needs a tagged encoder input (--encoder-input Speaker).");
        }

        if (TunedEncoder is not null && !TuneEncoder)
        {
            throw new ArgumentOutOfRangeException(nameof(TunedEncoder), "set", "a tuned encoder replaces tuning, so it needs --tune-encoder.");
        }

        Tuning.Validate();
    }
}
