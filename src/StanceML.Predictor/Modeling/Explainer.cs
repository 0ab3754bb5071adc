using System.Text.RegularExpressions;

namespace StanceML.Modeling;

/// <summary>
/// Explains predictions by occlusion: each word, each two-word phrase and each cue of a row is
/// taken away in turn, every variant is scored in one batch, and the fall in the predicted
/// label's probability is the feature's effect. Stateless apart from the scorer; thread-safe.
/// </summary>
internal static partial class Explainer
{
    /// <summary>Words and phrases reported per sentence.</summary>
    public const int MaxWords = 6;

    /// <summary>Nearest training sentences reported per sentence.</summary>
    public const int MaxNeighbours = 3;

    // A phrase is reported only when it matters more than either of its words alone.
    private const float PhraseMargin = 0.02f;
    private const string MeaningDescription = "the sentence's meaning as a whole (its embedding)";

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’\-]*", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    /// <summary>Explains <paramref name="row"/>, whose speaker and the article's proposers are given for the cue descriptions.</summary>
    public static StanceExplanation Explain(ModelScorer scorer, StanceInput row, string? speaker, IReadOnlyList<string> proposers)
    {
        var words = WordPattern().Matches(row.Raw).ToList();
        // A model without article features ignores the cues, so taking them away would show nothing.
        var cues = scorer.IsArticleAware
            ? row.Context.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList()
            : [];
        // The sentence's embedding (for models with one) is held fixed like the cues: scoring the row
        // first computes it once, and the variants share it, so an explanation costs one embedding
        // (two for a model whose encoder reads the speaker tag; see the speaker cue below).
        var prediction = scorer.Score([row])[0];
        var variants = new List<StanceInput>((2 * words.Count) + cues.Count);
        foreach (var w in words)
        {
            variants.Add(WithoutSpan(row, w.Index, w.Length));
        }

        for (var i = 0; i + 1 < words.Count; i++)
        {
            variants.Add(WithoutSpan(row, words[i].Index, words[i + 1].Index + words[i + 1].Length - words[i].Index));
        }

        foreach (var cue in cues)
        {
            var without = string.Join(' ', cues.Where(c => c != cue));
            // An encoder that reads the speaker tag carries the speaker in the embedding too: taking
            // the speaker cue away also takes the tag away, at the cost of one more embedding.
            variants.Add(scorer.EncoderInput == EncoderInput.Speaker && cue == "spk_" + row.Speaker
                ? new StanceInput { Text = row.Text, Raw = row.Raw, Context = without }
                : new StanceInput { Text = row.Text, Raw = row.Raw, Context = without, Embedding = row.Embedding, Speaker = row.Speaker });
        }

        var meaningVariant = -1;
        if (scorer.UsesEmbeddings)
        {
            // The embedding taken away: zeros, which the linear learner reads as no contribution.
            variants.Add(new StanceInput { Text = row.Text, Raw = row.Raw, Context = row.Context, Embedding = new float[row.Embedding.Length], Speaker = row.Speaker });
            meaningVariant = variants.Count;
        }

        var scores = scorer.Score(variants);
        float Effect(int variant) => prediction.Confidence - scores[variant - 1].Scores[prediction.Label];

        var unigram = words.Select((w, i) => Effect(1 + i)).ToArray();
        var drivers = words.Select((w, i) => new StanceDriver(w.Value, w.Value, unigram[i])).ToList();
        for (var i = 0; i + 1 < words.Count; i++)
        {
            var effect = Effect(1 + words.Count + i);
            if (effect > Math.Max(unigram[i], unigram[i + 1]) + PhraseMargin)
            {
                var phrase = row.Raw.Substring(words[i].Index, words[i + 1].Index + words[i + 1].Length - words[i].Index);
                drivers.Add(new StanceDriver(phrase, phrase, effect));
            }
        }

        var topWords = drivers
            .Where(d => d.Effect > 0)
            .OrderByDescending(d => d.Effect)
            .ThenBy(d => d.Feature, StringComparer.Ordinal)
            .Take(MaxWords)
            .ToList();
        var firstCue = 1 + words.Count + Math.Max(0, words.Count - 1);
        var cueDrivers = cues
            .Select((c, i) => new StanceDriver(c, Describe(c, speaker, proposers), Effect(firstCue + i)))
            .OrderByDescending(d => d.Effect)
            .ThenBy(d => d.Feature, StringComparer.Ordinal)
            .ToList();
        var neighbours = scorer.Examples?.Nearest(row.Raw, MaxNeighbours) ?? [];
        var meaning = meaningVariant > 0 ? new StanceDriver("embedding", MeaningDescription, Effect(meaningVariant)) : null;
        return new StanceExplanation(prediction, topWords, cueDrivers, neighbours, meaning);
    }

    private static StanceInput WithoutSpan(StanceInput row, int start, int length)
    {
        var raw = string.Concat(row.Raw.AsSpan(0, start), " ", row.Raw.AsSpan(start + length));
        return new StanceInput { Text = FeatureText.Normalize(raw), Raw = raw, Context = row.Context, Embedding = row.Embedding, Speaker = row.Speaker };
    }

    /// <summary>The cue token in words.</summary>
    public static string Describe(string cue, string? speaker, IReadOnlyList<string> proposers)
    {
        var who = speaker is null ? string.Empty : $" ({speaker})";
        var named = proposers.Count == 0 ? string.Empty : $" ({string.Join(", ", proposers.Take(3))})";
        return cue switch
        {
            "noarticle" => "scored without its article",
            "pos_head" => "headline (first sentence)",
            "pos_lede" => "lede (second sentence)",
            "pos_second" => "third sentence",
            "pos_early" => "early in the article",
            "pos_mid" => "middle of the article",
            "pos_late" => "late in the article",
            "has_quote" => "has quotation marks",
            "opens_quote" => "opens with a quotation",
            "modal" => "modal verb (would, could, should…)",
            "past_cue" => "past or background wording",
            "no_comment_cue" => "declined-to-comment wording",
            "len_short" => "short sentence (< 8 words)",
            "len_mid" => "sentence of 8–19 words",
            "len_long" => "long sentence (20–34 words)",
            "len_vlong" => "very long sentence (35+ words)",
            "spk_proposer" => "speaker is the proposer" + who,
            "spk_other" => "speaker is another party" + who,
            "spk_source" => "attributed to a source or document, not a party" + who,
            "spk_source_quote" => "a source or document, quoted" + who,
            "spk_source_plain" => "a source or document, reported" + who,
            "spk_none" => "no speaker attributed",
            "spk_proposer_quote" => "the proposer, quoted" + who,
            "spk_proposer_plain" => "the proposer, reported" + who,
            "spk_other_quote" => "another party, quoted" + who,
            "spk_other_plain" => "another party, reported" + who,
            "spk_none_quote" => "quotation marks, no speaker",
            "spk_none_plain" => "no quote, no speaker",
            "spk_borrowed" => "speaker taken from the rest of the quote" + who,
            "quote_none" => "outside any quotation",
            "quote_whole" => "a whole quotation",
            "quote_opens" => "opens a quotation that runs on",
            "quote_inside" => "inside a quotation opened earlier",
            "quote_closes" => "closes a quotation opened earlier",
            "mentions_proposer" => "mentions the proposer" + named,
            "no_proposer_found" => "no proposer found in the article",
            "prev_quote" => "previous sentence has a quotation",
            _ when cue.StartsWith("prev_spk_", StringComparison.Ordinal) => "previous sentence's speaker: " + cue["prev_spk_".Length..],
            _ when cue.StartsWith("next_spk_", StringComparison.Ordinal) => "next sentence's speaker: " + cue["next_spk_".Length..],
            _ when cue.StartsWith("lead_overlap_", StringComparison.Ordinal) => "words shared with the lede: " + cue["lead_overlap_".Length..],
            _ => cue,
        };
    }
}
