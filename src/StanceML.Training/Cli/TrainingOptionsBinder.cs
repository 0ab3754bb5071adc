using System.CommandLine;
using StanceML.Modeling;
using StanceML.Training.Training;

namespace StanceML.Training.Cli;

/// <summary>The hyperparameter options shared by <c>train</c> and <c>evaluate --folds</c>.</summary>
internal sealed class TrainingOptionsBinder
{
    private static readonly TrainingOptions Defaults = new();

    private readonly Option<int> _seed = new("--seed") { Description = "Seed for every random choice; the same data and seed give the same model.", DefaultValueFactory = _ => Defaults.Seed };
    private readonly Option<TrainerKind> _trainer = new("--trainer") { Description = "Learner: Lbfgs or Sdca (multinomial logistic regression) or LightGbm (boosted trees; slower to train and to score).", DefaultValueFactory = _ => Defaults.Trainer };
    private readonly Option<float> _l2 = new("--l2") { Description = "L2 regularisation.", DefaultValueFactory = _ => Defaults.L2 };
    private readonly Option<int> _wordNgrams = new("--word-ngrams") { Description = "Longest word n-gram (1-4).", DefaultValueFactory = _ => Defaults.WordNgrams };
    private readonly Option<int> _charNgrams = new("--char-ngrams") { Description = "Character n-gram length (0 = none, up to 6).", DefaultValueFactory = _ => Defaults.CharNgrams };
    private readonly Option<bool> _noArticle = new("--no-article-features") { Description = "Score each sentence alone, without its article's cues." };
    private readonly Option<bool> _noFragments = new("--no-quote-fragments") { Description = "Do not add quote fragments (articles re-split inside quotations) to the training rows." };
    private readonly Option<bool> _embeddings = new("--embeddings") { Description = "Add MiniLM sentence embeddings beside the n-grams (20-40 times slower to score)." };
    private readonly Option<bool> _tuneEncoder = new("--tune-encoder") { Description = "Fine-tune the embeddings' encoder on the training sentences first (needs --embeddings; TorchSharp, minutes per epoch). The tuned weights go into the model file." };
    private readonly Option<int> _tuneEpochs = new("--tune-epochs") { Description = "Passes over the training sentences when tuning the encoder.", DefaultValueFactory = _ => Defaults.Tuning.Epochs };
    private readonly Option<double> _tuneRate = new("--tune-learning-rate") { Description = "Peak learning rate when tuning the encoder.", DefaultValueFactory = _ => Defaults.Tuning.LearningRate };
    private readonly Option<int> _tuneRuns = new("--tune-runs") { Description = "Tune the encoder this many times (seeds --seed, --seed + 1, …) and average the weights.", DefaultValueFactory = _ => Defaults.Tuning.Runs };
    private readonly Option<bool> _noNgrams = new("--no-ngrams") { Description = "Leave out the sentence's word and character n-grams (needs --embeddings)." };
    private readonly Option<bool> _noStandalone = new("--no-standalone-rows") { Description = "Do not add each sentence without its article (the Predict(sentence) case) to the training rows." };
    private readonly Option<bool> _speakerSwaps = new("--speaker-swaps") { Description = "Also train on the proposer's quoted proposal sentences re-attributed to an invented person, labelled reaction." };
    private readonly Option<EncoderInput> _encoderInput = new("--encoder-input") { Description = "What the tuned encoder reads: Sentence, or Speaker (the sentence behind a tag naming who speaks in its article; needs --tune-encoder).", DefaultValueFactory = _ => Defaults.EncoderInput };
    private readonly Option<bool> _tuneUntagged = new("--tune-untagged") { Description = "With --encoder-input Speaker: also tune the encoder on every sentence without its tag, as Predict(sentence) reads it (tuning takes twice as long)." };
    private readonly Option<bool> _noBalance = new("--no-balance") { Description = "Do not weight examples to balance the labels." };

    public static TrainingOptionsBinder Create() => new();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _seed, _trainer, _l2, _wordNgrams, _charNgrams, _noArticle, _noFragments, _embeddings, _tuneEncoder, _tuneEpochs, _tuneRate, _tuneRuns, _noNgrams, _noStandalone, _speakerSwaps, _encoderInput, _tuneUntagged, _noBalance })
        {
            command.Options.Add(option);
        }
    }

    public TrainingOptions Bind(ParseResult parse)
    {
        var options = new TrainingOptions
        {
            Seed = parse.GetValue(_seed),
            Trainer = parse.GetValue(_trainer),
            L2 = parse.GetValue(_l2),
            WordNgrams = parse.GetValue(_wordNgrams),
            CharNgrams = parse.GetValue(_charNgrams),
            ArticleFeatures = !parse.GetValue(_noArticle),
            QuoteFragments = !parse.GetValue(_noFragments),
            Embeddings = parse.GetValue(_embeddings),
            TuneEncoder = parse.GetValue(_tuneEncoder),
            Tuning = Defaults.Tuning with { Epochs = parse.GetValue(_tuneEpochs), LearningRate = parse.GetValue(_tuneRate), Runs = parse.GetValue(_tuneRuns), Seed = parse.GetValue(_seed) },
            Ngrams = !parse.GetValue(_noNgrams),
            StandaloneRows = !parse.GetValue(_noStandalone),
            BalanceClasses = !parse.GetValue(_noBalance),
            SpeakerSwaps = parse.GetValue(_speakerSwaps),
            EncoderInput = parse.GetValue(_encoderInput),
            TuneUntagged = parse.GetValue(_tuneUntagged),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            var reason = e.Message.Split(" (Parameter", 2)[0];
            throw new CliException($"invalid {e.ParamName}: {e.ActualValue} ({reason}); see --help for the allowed range.", CliException.BadUsage);
        }

        return options;
    }
}
