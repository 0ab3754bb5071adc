using System.Buffers.Binary;
using System.Text;

namespace StanceML.Embeddings;

/// <summary>
/// The float weights of an ONNX model, found by reading the model's protobuf directly, under
/// the parameter names of the original network ("encoder.layer.0.attention.self.query.weight").
/// The exporter of all-MiniLM-L6-v2 renamed its dense weights to numbers and stored them
/// transposed as MatMul inputs; each is named here from the bias added to its product.
/// <see cref="Patch"/> writes new values over the old in the model's bytes, so a fine-tuned
/// encoder runs through the same graph in ONNX Runtime.
/// </summary>
internal sealed class OnnxWeights
{
    private readonly byte[] _model;
    private readonly Dictionary<string, Tensor> _byName;

    private OnnxWeights(byte[] model, Dictionary<string, Tensor> byName)
    {
        _model = model;
        _byName = byName;
    }

    /// <summary>The parameter names, in the order of the model file.</summary>
    public IReadOnlyCollection<string> Names => _byName.Keys;

    /// <summary>Reads the weights of <paramref name="model"/> (the bytes of an .onnx file).</summary>
    public static OnnxWeights Read(byte[] model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = new Graph();
        try
        {
            var reader = new ProtoReader(model, 0, model.Length);
            while (reader.Next(out var field, out var wire))
            {
                if (field == 7 && wire == ProtoReader.WireLength)
                {
                    var (start, end) = reader.Slice();
                    ReadGraph(model, start, end, graph);
                }
                else
                {
                    reader.Skip(wire);
                }
            }
        }
        catch (IndexOutOfRangeException e)
        {
            throw new InvalidDataException("the encoder is not a readable ONNX model (it ends inside a field).", e);
        }

        return new OnnxWeights(model, Name(graph));
    }

    /// <summary>The shape of a parameter as the original network has it ([out, in] for a dense weight).</summary>
    public int[] Shape(string name)
    {
        var tensor = Get(name);
        return tensor.Transposed ? [tensor.Dims[1], tensor.Dims[0]] : tensor.Dims;
    }

    /// <summary>The values of a parameter, row-major in the original network's <see cref="Shape"/>.</summary>
    public float[] Values(string name)
    {
        var tensor = Get(name);
        var stored = new float[tensor.Count];
        for (var i = 0; i < stored.Length; i++)
        {
            stored[i] = BinaryPrimitives.ReadSingleLittleEndian(_model.AsSpan(tensor.Offset + (4 * i), 4));
        }

        return tensor.Transposed ? Transpose(stored, tensor.Dims[0], tensor.Dims[1]) : stored;
    }

    /// <summary>
    /// Writes <paramref name="values"/> (by parameter name, in the original network's layout) over
    /// the stored weights, in the bytes this was read from (a 90 MB model is not copied), and
    /// returns those bytes. The graph is unchanged. Every name and length is checked before any
    /// byte is written.
    /// </summary>
    public byte[] Patch(IReadOnlyDictionary<string, float[]> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (name, value) in values)
        {
            var tensor = Get(name);
            if (value.Length != tensor.Count)
            {
                throw new InvalidDataException($"the tuned weight '{name}' has {value.Length} values; the encoder's has {tensor.Count}.");
            }
        }

        foreach (var (name, value) in values)
        {
            var tensor = Get(name);
            var stored = tensor.Transposed ? Transpose(value, tensor.Dims[1], tensor.Dims[0]) : value;
            for (var i = 0; i < stored.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(_model.AsSpan(tensor.Offset + (4 * i), 4), stored[i]);
            }
        }

        return _model;
    }

    private Tensor Get(string name) =>
        _byName.TryGetValue(name, out var tensor)
            ? tensor
            : throw new InvalidDataException($"the encoder has no weight named '{name}'; the tuned weights were made for another model.");

    private static float[] Transpose(float[] values, int rows, int columns)
    {
        var result = new float[values.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                result[(c * rows) + r] = values[(r * columns) + c];
            }
        }

        return result;
    }

    private static Dictionary<string, Tensor> Name(Graph graph)
    {
        var byName = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var tensor in graph.Initializers.Values.Where(t => t.Name.Contains('.')))
        {
            byName[tensor.Name] = tensor;
        }

        var producers = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            foreach (var output in node.Outputs)
            {
                producers[output] = node;
            }
        }

        foreach (var add in graph.Nodes.Where(n => n.Op == "Add"))
        {
            var bias = add.Inputs.FirstOrDefault(i => i.EndsWith(".bias", StringComparison.Ordinal) && graph.Initializers.ContainsKey(i));
            var product = add.Inputs.FirstOrDefault(i => i != bias);
            if (bias is null || product is null || !producers.TryGetValue(product, out var matMul) || matMul.Op != "MatMul")
            {
                continue;
            }

            var weight = matMul.Inputs.Select(i => graph.Initializers.GetValueOrDefault(i)).FirstOrDefault(t => t is { Dims.Length: 2 });
            if (weight is not null)
            {
                byName[bias[..^".bias".Length] + ".weight"] = weight with { Transposed = true };
            }
        }

        return byName;
    }

    private static void ReadGraph(byte[] model, int start, int end, Graph graph)
    {
        var reader = new ProtoReader(model, start, end);
        while (reader.Next(out var field, out var wire))
        {
            if (wire != ProtoReader.WireLength || field is not (1 or 5))
            {
                reader.Skip(wire);
                continue;
            }

            var (from, to) = reader.Slice();
            if (field == 1)
            {
                graph.Nodes.Add(ReadNode(model, from, to));
            }
            else if (ReadTensor(model, from, to) is { } tensor)
            {
                graph.Initializers[tensor.Name] = tensor;
            }
        }
    }

    private static Node ReadNode(byte[] model, int start, int end)
    {
        var reader = new ProtoReader(model, start, end);
        var inputs = new List<string>();
        var outputs = new List<string>();
        var op = string.Empty;
        while (reader.Next(out var field, out var wire))
        {
            if (wire == ProtoReader.WireLength && field is 1 or 2 or 4)
            {
                var text = reader.String();
                switch (field)
                {
                    case 1: inputs.Add(text); break;
                    case 2: outputs.Add(text); break;
                    default: op = text; break;
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return new Node(op, inputs, outputs);
    }

    /// <summary>A float tensor with its data in the file, or null for any other tensor.</summary>
    private static Tensor? ReadTensor(byte[] model, int start, int end)
    {
        const int FloatType = 1;
        var reader = new ProtoReader(model, start, end);
        var dims = new List<int>();
        var name = string.Empty;
        var type = 0;
        int offset = -1, count = 0;
        while (reader.Next(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtoReader.WireVarint): dims.Add((int)reader.Varint()); break;
                case (1, ProtoReader.WireLength):
                    var (from, to) = reader.Slice();
                    var packed = new ProtoReader(model, from, to);
                    while (!packed.AtEnd)
                    {
                        dims.Add((int)packed.Varint());
                    }

                    break;
                case (2, ProtoReader.WireVarint): type = (int)reader.Varint(); break;
                case (4 or 9, ProtoReader.WireLength): // float_data (packed) or raw_data: little-endian floats either way
                    (offset, var stop) = reader.Slice();
                    count = (stop - offset) / 4;
                    break;
                case (8, ProtoReader.WireLength): name = reader.String(); break;
                default: reader.Skip(wire); break;
            }
        }

        return type == FloatType && offset >= 0 && count == dims.Aggregate(1, (a, d) => a * d)
            ? new Tensor(name, [.. dims], offset, count, Transposed: false)
            : null;
    }

    private sealed record Tensor(string Name, int[] Dims, int Offset, int Count, bool Transposed);

    private sealed record Node(string Op, List<string> Inputs, List<string> Outputs);

    private sealed class Graph
    {
        public List<Node> Nodes { get; } = [];

        public Dictionary<string, Tensor> Initializers { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Reads protobuf fields between two offsets of a buffer.</summary>
    private struct ProtoReader(byte[] buffer, int position, int end)
    {
        public const int WireVarint = 0;
        public const int WireLength = 2;

        private int _position = position;

        public readonly bool AtEnd => _position >= end;

        public bool Next(out int field, out int wire)
        {
            if (AtEnd)
            {
                field = wire = 0;
                return false;
            }

            var tag = ReadVarint();
            field = (int)(tag >> 3);
            wire = (int)(tag & 7);
            return true;
        }

        public ulong Varint() => ReadVarint();

        public (int Start, int End) Slice()
        {
            var length = checked((int)ReadVarint());
            var start = _position;
            _position += length;
            if (_position > end)
            {
                throw new IndexOutOfRangeException("field runs past its message");
            }

            return (start, _position);
        }

        public string String()
        {
            var (start, stop) = Slice();
            return Encoding.UTF8.GetString(buffer, start, stop - start);
        }

        public void Skip(int wire)
        {
            switch (wire)
            {
                case WireVarint: ReadVarint(); break;
                case 1: _position += 8; break;
                case WireLength: Slice(); break;
                case 5: _position += 4; break;
                default: throw new InvalidDataException($"the encoder is not a readable ONNX model (wire type {wire}).");
            }
        }

        private ulong ReadVarint()
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = buffer[_position++];
                value |= (ulong)(b & 0x7f) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }
        }
    }
}
