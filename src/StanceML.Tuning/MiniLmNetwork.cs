using StanceML.Embeddings;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace StanceML.Tuning;

/// <summary>
/// all-MiniLM-L6-v2 (a 6-layer BERT, 384 wide, 12 heads) as a TorchSharp module, with the
/// mean pooling of <see cref="MiniLmEmbedder"/>. Its weights load from, and export to, the
/// parameter names of <see cref="OnnxWeights"/>, so the network trained here is the one
/// ONNX Runtime runs at scoring time.
/// </summary>
internal sealed class MiniLmNetwork : Module<Tensor, Tensor, Tensor>
{
    private const int Hidden = 384;
    private const int Layers = 6;
    private const string WordEmbeddingsName = "embeddings.word_embeddings.weight";

    private readonly Embedding _words;
    private readonly Embedding _positions;
    private readonly Embedding _types;
    private readonly LayerNorm _norm;
    private readonly Dropout _dropout;
    private readonly ModuleList<EncoderLayer> _layers;

    public MiniLmNetwork(double dropout)
        : base(nameof(MiniLmNetwork))
    {
        _words = Embedding(30522, Hidden);
        _positions = Embedding(512, Hidden);
        _types = Embedding(2, Hidden);
        _norm = LayerNorm(Hidden, 1e-12);
        _dropout = Dropout(dropout);
        _layers = new ModuleList<EncoderLayer>([.. Enumerable.Range(0, Layers).Select(i => new EncoderLayer($"layer{i}", dropout))]);
        RegisterComponents();
    }

    /// <summary>The word-piece embedding table (the largest weight; tuning may leave it frozen).</summary>
    public Parameter WordEmbeddings => _words.weight!;

    /// <summary>Mean of the last hidden states over the mask: [batch, 384], not normalised.</summary>
    public override Tensor forward(Tensor ids, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var positions = arange(ids.shape[1], dtype: ScalarType.Int64).unsqueeze(0);
        var x = _dropout.forward(_norm.forward(_words.forward(ids) + _positions.forward(positions) + _types.forward(zeros_like(ids))));
        var maskF = mask.to_type(ScalarType.Float32);
        var additive = ((1.0f - maskF) * -10000f).view(ids.shape[0], 1, 1, ids.shape[1]);
        foreach (var layer in _layers)
        {
            x = layer.forward(x, additive);
        }

        var m = maskF.unsqueeze(-1);
        return ((x * m).sum(1) / m.sum(1).clamp_min(1e-9)).MoveToOuterDisposeScope();
    }

    /// <summary>Copies the packaged weights in.</summary>
    public void Load(OnnxWeights weights)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in Named())
        {
            var shape = weights.Shape(name).Select(d => (long)d).ToArray();
            if (!shape.SequenceEqual(parameter.shape))
            {
                throw new InvalidDataException($"the encoder's '{name}' is [{string.Join(", ", shape)}], not [{string.Join(", ", parameter.shape)}]: not all-MiniLM-L6-v2.");
            }

            parameter.copy_(tensor(weights.Values(name), shape));
        }
    }

    /// <summary>The current values of every weight, or of all but the word embeddings.</summary>
    public Dictionary<string, float[]> Export(bool includeWordEmbeddings)
    {
        var values = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (name, parameter) in Named())
        {
            if (includeWordEmbeddings || name != WordEmbeddingsName)
            {
                values[name] = parameter.detach().contiguous().data<float>().ToArray();
            }
        }

        return values;
    }

    private IEnumerable<(string Name, Parameter Parameter)> Named()
    {
        yield return (WordEmbeddingsName, _words.weight!);
        yield return ("embeddings.position_embeddings.weight", _positions.weight!);
        yield return ("embeddings.token_type_embeddings.weight", _types.weight!);
        yield return ("embeddings.LayerNorm.weight", _norm.weight!);
        yield return ("embeddings.LayerNorm.bias", _norm.bias!);
        for (var i = 0; i < Layers; i++)
        {
            foreach (var (name, parameter) in _layers[i].Named())
            {
                yield return ($"encoder.layer.{i}.{name}", parameter);
            }
        }
    }

    private sealed class EncoderLayer : Module<Tensor, Tensor, Tensor>
    {
        private const int Heads = 12;

        private readonly Linear _query = Linear(Hidden, Hidden);
        private readonly Linear _key = Linear(Hidden, Hidden);
        private readonly Linear _value = Linear(Hidden, Hidden);
        private readonly Linear _attentionOut = Linear(Hidden, Hidden);
        private readonly LayerNorm _attentionNorm = LayerNorm(Hidden, 1e-12);
        private readonly Linear _intermediate = Linear(Hidden, 4 * Hidden);
        private readonly Linear _output = Linear(4 * Hidden, Hidden);
        private readonly LayerNorm _outputNorm = LayerNorm(Hidden, 1e-12);
        private readonly Dropout _dropout;

        public EncoderLayer(string name, double dropout)
            : base(name)
        {
            _dropout = Dropout(dropout);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x, Tensor additiveMask)
        {
            using var scope = NewDisposeScope();
            long batch = x.shape[0], length = x.shape[1];
            Tensor SplitHeads(Tensor y) => y.view(batch, length, Heads, Hidden / Heads).transpose(1, 2);
            var scores = SplitHeads(_query.forward(x)).matmul(SplitHeads(_key.forward(x)).transpose(-1, -2)) / Math.Sqrt(Hidden / Heads);
            var attention = _dropout.forward(functional.softmax(scores + additiveMask, -1));
            var context = attention.matmul(SplitHeads(_value.forward(x))).transpose(1, 2).contiguous().view(batch, length, Hidden);
            var attended = _attentionNorm.forward(x + _dropout.forward(_attentionOut.forward(context)));
            var output = _output.forward(functional.gelu(_intermediate.forward(attended)));
            return _outputNorm.forward(attended + _dropout.forward(output)).MoveToOuterDisposeScope();
        }

        public IEnumerable<(string Name, Parameter Parameter)> Named()
        {
            foreach (var (name, linear) in new[]
            {
                ("attention.self.query", _query), ("attention.self.key", _key), ("attention.self.value", _value),
                ("attention.output.dense", _attentionOut), ("intermediate.dense", _intermediate), ("output.dense", _output),
            })
            {
                yield return (name + ".weight", linear.weight!);
                yield return (name + ".bias", linear.bias!);
            }

            yield return ("attention.output.LayerNorm.weight", _attentionNorm.weight!);
            yield return ("attention.output.LayerNorm.bias", _attentionNorm.bias!);
            yield return ("output.LayerNorm.weight", _outputNorm.weight!);
            yield return ("output.LayerNorm.bias", _outputNorm.bias!);
        }
    }
}
