using System.Text;
using System.Text.RegularExpressions;

namespace StanceML.Modeling;

/// <summary>
/// The labelled sentences a model was trained on, stored in the model file beside the ML.NET
/// entries, and a TF-IDF index over their word 1–2-grams that finds the nearest ones to a sentence.
/// Immutable once built; thread-safe.
/// </summary>
internal sealed partial class ExampleIndex
{
    /// <summary>The zip entry holding the examples, one <c>label&lt;TAB&gt;article_id&lt;TAB&gt;text</c> line each.</summary>
    public const string EntryName = "StanceML/examples.tsv";

    private readonly Example[] _examples;
    private readonly Dictionary<string, List<(int Example, float Weight)>> _postings;
    private readonly Dictionary<string, float> _idf;

    private ExampleIndex(Example[] examples)
    {
        _examples = examples;
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var terms = new Dictionary<string, int>[examples.Length];
        for (var i = 0; i < examples.Length; i++)
        {
            terms[i] = Terms(examples[i].Text);
            foreach (var term in terms[i].Keys)
            {
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
            }
        }

        _idf = documentFrequency.ToDictionary(kv => kv.Key, kv => (float)(Math.Log((1.0 + examples.Length) / (1.0 + kv.Value)) + 1), StringComparer.Ordinal);
        _postings = new Dictionary<string, List<(int, float)>>(StringComparer.Ordinal);
        for (var i = 0; i < examples.Length; i++)
        {
            foreach (var (term, weight) in Vector(terms[i]))
            {
                if (!_postings.TryGetValue(term, out var list))
                {
                    _postings[term] = list = [];
                }

                list.Add((i, weight));
            }
        }
    }

    /// <summary>How many examples the index holds.</summary>
    public int Count => _examples.Length;

    /// <summary>Adds the examples to a model file's bytes, returning the new bytes.</summary>
    public static byte[] AddTo(byte[] model, IEnumerable<(string Text, StanceLabel Label, string ArticleId)> examples)
    {
        var tsv = new StringBuilder();
        foreach (var (text, label, articleId) in examples)
        {
            tsv.Append(label.ToName()).Append('\t').Append(Flat(articleId)).Append('\t').Append(Flat(text)).Append('\n');
        }

        return ModelFile.SetEntry(model, EntryName, tsv.ToString());
    }

    /// <summary>Builds the index from the bytes of the <see cref="EntryName"/> entry.</summary>
    public static ExampleIndex Parse(byte[] entry)
    {
        using var reader = new StreamReader(new MemoryStream(entry), Encoding.UTF8);
        var examples = new List<Example>();
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split('\t', 3);
            if (parts.Length == 3 && StanceLabels.TryParse(parts[0], out var label))
            {
                examples.Add(new Example(parts[2], label.Value, parts[1]));
            }
        }

        return new ExampleIndex([.. examples]);
    }

    /// <summary>The <paramref name="count"/> examples most similar to <paramref name="sentence"/> (cosine of TF-IDF word 1–2-grams), most similar first.</summary>
    public IReadOnlyList<StanceNeighbour> Nearest(string sentence, int count)
    {
        var scores = new Dictionary<int, float>();
        foreach (var (term, weight) in Vector(Terms(sentence)))
        {
            if (_postings.TryGetValue(term, out var postings))
            {
                foreach (var (example, w) in postings)
                {
                    scores[example] = scores.GetValueOrDefault(example) + (weight * w);
                }
            }
        }

        return scores
            .Where(kv => kv.Value > 0)
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key)
            .Take(count)
            .Select(kv => new StanceNeighbour(_examples[kv.Key].Text, _examples[kv.Key].Label, _examples[kv.Key].ArticleId, Math.Min(1f, kv.Value)))
            .ToList();
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    private static Dictionary<string, int> Terms(string text)
    {
        var words = WordPattern().Matches(FeatureText.Normalize(text).ToLowerInvariant()).Select(m => m.Value).ToList();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            counts[words[i]] = counts.GetValueOrDefault(words[i]) + 1;
            if (i + 1 < words.Count)
            {
                var bigram = words[i] + " " + words[i + 1];
                counts[bigram] = counts.GetValueOrDefault(bigram) + 1;
            }
        }

        return counts;
    }

    // Sublinear term frequency times IDF, L2-normalised; terms unseen in training are dropped.
    private IEnumerable<(string Term, float Weight)> Vector(Dictionary<string, int> terms)
    {
        var weights = terms
            .Where(t => _idf.ContainsKey(t.Key))
            .Select(t => (Term: t.Key, Weight: (float)((1 + Math.Log(t.Value)) * _idf[t.Key])))
            .ToList();
        var norm = (float)Math.Sqrt(weights.Sum(w => w.Weight * w.Weight));
        return norm == 0 ? [] : weights.Select(w => (w.Term, w.Weight / norm));
    }

    private static string Flat(string text) => text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');

    private sealed record Example(string Text, StanceLabel Label, string ArticleId);
}
