using System.Text.RegularExpressions;

namespace StanceML.Modeling;

/// <summary>
/// Reads a sentence in its article: finds the proposers (subjects of proposing verbs), the
/// speaker of each sentence (quote attribution, "according to", pronouns and titles resolved to
/// the last speaker or the proposer), and turns what it finds into cue tokens such as
/// <c>spk_proposer</c>, <c>spk_other_quote</c>, <c>pos_lede</c>. The same code prepares rows in
/// training and scoring, so the two cannot drift apart. Stateless and thread-safe.
/// </summary>
internal static partial class ArticleContext
{
    private const string NameWord = @"\p{Lu}[\p{L}'’.\-]*";
    private const string Name = NameWord + @"(?:\s+(?:(?:de|van|von|da|al|bin|la|le|du|del)\s+)?" + NameWord + @"){0,4}";
    private const string Titled = @"(?i:the|a|an|its|his|her|their)\s+(?:[\p{Ll}\-]+\s+){0,3}[\p{Ll}\-]+";
    private const string Pronoun = @"(?:(?i:he|she|they|it|we)|I)";
    private const string SpeechVerb =
        @"(?:said|says|say|told|tells|added|adds|argued|argues|insisted|insists|claimed|claims|warned|warns|noted|notes|wrote|writes|" +
        @"posted|stated|states|explained|explains|declared|declares|maintained|maintains|contended|contends|countered|counters|" +
        @"replied|replies|responded|responds|stressed|stresses|acknowledged|acknowledges|conceded|concedes|asked|asks|" +
        @"suggested|suggests|predicted|predicts|promised|promises|vowed|vows|pledged|pledges|admitted|admits|complained|complains|" +
        @"fumed|blasted|slammed|raged|hit back|tweeted|announced|announces|urged|urges|cautioned|cautions|observed|remarked|" +
        @"believes|believed|thinks|thought|agreed|agrees|recalled|recalls|boasted|boasts|joked|jokes|quipped)";

    private const string ProposeVerb =
        @"(?:proposed|proposes|propose|unveiled|unveils|pitched|pitches|offered|offers|tabled|tables|submitted|submits|" +
        @"put forward|puts forward|called for|calls for|plans|planned|is planning|are planning|wants|want|is seeking|are seeking|" +
        @"sought|seeks|launched|launches|floated|floats|outlined|outlines|introduced|introduces|announced plans|announces plans|" +
        @"made an? (?:\w+\s+){0,3}(?:offer|bid|proposal|approach)|bid|bids|is pushing|are pushing|pushed for|pushes for|" +
        @"set out|sets out|drew up|drafted|drafts|recommended|recommends|demanded|demands|intends|intended|aims|hopes)";

    private static readonly HashSet<string> NonNameWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "The", "A", "An", "On", "In", "At", "But", "And", "Mr", "Mrs", "Ms", "Dr", "Mr.", "Mrs.", "Ms.", "Dr.", "Prof", "Prof.",
        "President", "Minister", "Prime", "Chief", "Executive", "Secretary", "Senator", "Sen.", "Rep.", "Gov.", "Governor", "Mayor",
        "Councillor", "Cllr", "Chairman", "Chairwoman", "Chair", "Director", "Officer", "Leader", "Deputy", "General", "Sir", "Lord",
        "Lady", "Dame", "This", "That", "It", "He", "She", "They", "We", "I", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday", "Sunday", "Last", "Under", "After", "Before", "When", "While", "However", "Meanwhile", "According",
    };

    private static readonly HashSet<string> PronounWords = new(StringComparer.OrdinalIgnoreCase) { "he", "she", "they", "it", "we", "i" };

    [GeneratedRegex($@"(?<spk>{Name}|{Titled}|{Pronoun})\s*,?\s+(?:also\s+|later\s+|then\s+|had\s+|has\s+|have\s+|previously\s+)?{SpeechVerb}\b", RegexOptions.CultureInvariant)]
    private static partial Regex SpeakerBeforeVerb();

    [GeneratedRegex($@"[,'""’”]\s*{SpeechVerb}\s+(?<spk>{Name}|{Titled})", RegexOptions.CultureInvariant)]
    private static partial Regex VerbBeforeSpeaker();

    [GeneratedRegex($@"\baccording to\s+(?<spk>{Name}|{Titled})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AccordingTo();

    [GeneratedRegex($@"(?<spk>{Name}|{Titled}|{Pronoun})\s*,?\s+(?:(?:has|have|had|on \p{{Lu}}\p{{Ll}}+|also|now|formally|officially|last \w+|this \w+)\s+)*{ProposeVerb}\b", RegexOptions.CultureInvariant)]
    private static partial Regex ProposerBeforeVerb();

    [GeneratedRegex($@"\b(?:proposal|plan|plans|bid|offer|scheme|idea|proposals|pitch|approach|bill|motion|initiative)\s+(?:put forward\s+|tabled\s+|unveiled\s+|made\s+)?(?:by|from)\s+(?<spk>{Name}|{Titled})", RegexOptions.CultureInvariant)]
    private static partial Regex ProposalBy();

    [GeneratedRegex($@"(?<spk>{Name})(?:'s|’s|')\s+(?:\w+\s+){{0,3}}(?:proposal|plan|bid|offer|scheme|idea|pitch|approach|bill|motion|initiative|budget|reform)", RegexOptions.CultureInvariant)]
    private static partial Regex ProposerPossessive();

    [GeneratedRegex(@"['""‘’“”«»]", RegexOptions.CultureInvariant)]
    private static partial Regex QuoteMark();

    [GeneratedRegex(@"^\s*['""‘“«]", RegexOptions.CultureInvariant)]
    private static partial Regex OpensWithQuote();

    [GeneratedRegex(@"\b(?:would|will|could|should|must|might|may|shall)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Modal();

    [GeneratedRegex(@"\b(?:decades?|years? ago|in (?:1[89]|20)\d\d|since (?:1[89]|20)\d\d|previously|history|historic|once|former|last year|earlier this year)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PastCue();

    [GeneratedRegex(@"\b(?:did not|didn't|declined to|could not be reached|no immediate|not immediately|refused to comment|no comment)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NoComment();

    [GeneratedRegex(@"[\p{L}\d]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    /// <summary>A row for a sentence scored without its article.</summary>
    public static StanceInput Standalone(string sentence) =>
        new() { Text = FeatureText.Normalize(sentence), Context = "noarticle " + string.Join(' ', SentenceCues(sentence)), Raw = sentence };

    /// <summary>One row per sentence of an article, in order, each with its article cues.</summary>
    public static IReadOnlyList<StanceInput> Build(IReadOnlyList<string> sentences) => Read(sentences).Rows;

    /// <summary>
    /// Reads an article: one row per sentence with its cues, plus what the cues were drawn from
    /// (the proposers found and each sentence's speaker), for explanations.
    /// </summary>
    public static ArticleReading Read(IReadOnlyList<string> sentences)
    {
        var rows = new List<StanceInput>(sentences.Count);
        var names = new string?[sentences.Count];
        var attributions = new string?[sentences.Count];
        if (sentences.Count == 0)
        {
            return new ArticleReading(rows, names, attributions, []);
        }

        var proposers = FindProposers(sentences);
        var leadWords = ContentWords(string.Join(' ', sentences.Take(Math.Min(3, sentences.Count))));
        var speakers = new SpeakerKind[sentences.Count];
        var hasOwnSpeaker = new bool[sentences.Count];
        var quotes = new QuoteSpan[sentences.Count];
        string? lastSpeaker = null;
        var lastKind = SpeakerKind.None;
        var carry = (Double: 0, Single: 0);
        for (var i = 0; i < sentences.Count; i++)
        {
            var sentence = sentences[i] ?? string.Empty;
            var raw = FindSpeaker(sentence);
            attributions[i] = raw;
            hasOwnSpeaker[i] = raw is not null;
            var previous = lastSpeaker;
            speakers[i] = Classify(raw, proposers, ref lastSpeaker, ref lastKind);
            names[i] = raw is null ? null
                : IsPronoun(raw) ? previous ?? proposers.Display.FirstOrDefault()
                : raw;
            (quotes[i], carry) = Quotes(sentence, carry);
        }

        var borrowed = BorrowQuoteSpeakers(speakers, names, hasOwnSpeaker, quotes, sentences);
        for (var i = 0; i < sentences.Count; i++)
        {
            var sentence = sentences[i] ?? string.Empty;
            var cues = new List<string>(24);
            cues.Add(PositionCue(i, sentences.Count));
            cues.AddRange(SentenceCues(sentence));
            var speaker = speakers[i].ToString().ToLowerInvariant();
            cues.Add("spk_" + speaker);
            var hasQuote = QuoteMark().IsMatch(sentence);
            cues.Add($"spk_{speaker}_{(hasQuote ? "quote" : "plain")}");
            cues.Add("quote_" + quotes[i].ToString().ToLowerInvariant());
            if (borrowed[i])
            {
                cues.Add("spk_borrowed");
            }
            if (MentionsProposer(sentence, proposers))
            {
                cues.Add("mentions_proposer");
            }

            if (!proposers.Any)
            {
                cues.Add("no_proposer_found");
            }

            if (i > 0)
            {
                cues.Add("prev_spk_" + speakers[i - 1].ToString().ToLowerInvariant());
                if (QuoteMark().IsMatch(sentences[i - 1] ?? string.Empty))
                {
                    cues.Add("prev_quote");
                }
            }

            if (i + 1 < sentences.Count)
            {
                cues.Add("next_spk_" + speakers[i + 1].ToString().ToLowerInvariant());
            }

            if (i >= 3)
            {
                cues.Add("lead_overlap_" + OverlapBucket(ContentWords(sentence), leadWords));
            }

            rows.Add(new StanceInput { Text = FeatureText.Normalize(sentence), Context = string.Join(' ', cues), Raw = sentence });
        }

        return new ArticleReading(rows, names, attributions, proposers.Display);
    }

    private static bool IsPronoun(string speaker) =>
        speaker.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var only] && PronounWords.Contains(only);

    /// <summary>How a sentence sits in quoted speech, for sentences split inside a long quote.</summary>
    private enum QuoteSpan
    {
        /// <summary>No quotation marks and not inside a quote.</summary>
        None,

        /// <summary>Opens and closes its quotes.</summary>
        Whole,

        /// <summary>Opens a quote that goes on into the next sentence.</summary>
        Opens,

        /// <summary>Starts and ends inside a quote opened earlier.</summary>
        Inside,

        /// <summary>Closes a quote opened in an earlier sentence.</summary>
        Closes,
    }

    // Counts quotation marks, telling apostrophes ("don't") from single quotes by their position.
    private static (QuoteSpan Span, (int Double, int Single) Carry) Quotes(string sentence, (int Double, int Single) carry)
    {
        var startedInside = carry.Double + carry.Single > 0;
        var sawQuote = false;
        for (var i = 0; i < sentence.Length; i++)
        {
            var c = sentence[i];
            var before = i > 0 ? sentence[i - 1] : ' ';
            var after = i + 1 < sentence.Length ? sentence[i + 1] : ' ';
            var wordStart = char.IsWhiteSpace(before) || before is '(' or '[' or '—' or '–' or '-' or ':' or '"' or '“' or '‘';
            var wordEnd = !char.IsWhiteSpace(before) && !char.IsLetterOrDigit(after);
            if (c == '\'' && after == '\'' || c == '`' && after == '`')
            {
                // ''NYT-style'' and ``TeX-style'' double quotes.
                c = wordStart ? '“' : '”';
                i++;
                before = i > 1 ? sentence[i - 2] : ' ';
            }

            switch (c)
            {
                case '“' or '„' or '«':
                    carry.Double++;
                    sawQuote = true;
                    break;
                case '”' or '»':
                    carry.Double = Math.Max(0, carry.Double - 1);
                    sawQuote = true;
                    break;
                case '"':
                    if (carry.Double > 0 && !wordStart)
                    {
                        carry.Double--;
                    }
                    else
                    {
                        carry.Double++;
                    }

                    sawQuote = true;
                    break;
                case '‘' when wordStart:
                case '\'' when wordStart && !char.IsWhiteSpace(after):
                    carry.Single++;
                    sawQuote = true;
                    break;
                case '’' or '\'' when wordEnd && carry.Single > 0:
                    carry.Single--;
                    sawQuote = true;
                    break;
            }
        }

        // A quote left open for many sentences is more likely a stray mark than speech.
        carry = (Math.Min(carry.Double, 1), Math.Min(carry.Single, 1));
        var endsInside = carry.Double + carry.Single > 0;
        var span = (startedInside, endsInside) switch
        {
            (true, true) => QuoteSpan.Inside,
            (true, false) => QuoteSpan.Closes,
            (false, true) => QuoteSpan.Opens,
            _ => sawQuote ? QuoteSpan.Whole : QuoteSpan.None,
        };
        return (span, carry);
    }

    // A sentence inside a long quote has no attribution of its own: it takes the speaker of the
    // sentence of the same quote that names one (usually the one that closes it), else the speaker
    // of the sentence before (a quote that follows "…, he said.").
    private static bool[] BorrowQuoteSpeakers(SpeakerKind[] speakers, string?[] names, bool[] hasOwnSpeaker, QuoteSpan[] quotes, IReadOnlyList<string> sentences)
    {
        var borrowed = new bool[speakers.Length];
        for (var i = 0; i < speakers.Length; i++)
        {
            // Scare quotes ("the so-called 'peace bridge'") are not speech.
            if (hasOwnSpeaker[i] || quotes[i] == QuoteSpan.None || quotes[i] == QuoteSpan.Whole && !OpensWithQuote().IsMatch(sentences[i] ?? string.Empty))
            {
                continue;
            }

            int? donor = null;
            if (quotes[i] is QuoteSpan.Opens or QuoteSpan.Inside)
            {
                for (var j = i + 1; j < speakers.Length && quotes[j] is QuoteSpan.Inside or QuoteSpan.Closes; j++)
                {
                    if (hasOwnSpeaker[j])
                    {
                        donor = j;
                        break;
                    }

                    if (quotes[j] == QuoteSpan.Closes)
                    {
                        break;
                    }
                }
            }

            if (donor is null && i > 0 && hasOwnSpeaker[i - 1] || donor is null && i > 0 && borrowed[i - 1])
            {
                donor = i - 1;
            }

            if (donor is int d && speakers[d] != SpeakerKind.None)
            {
                speakers[i] = speakers[d];
                names[i] = names[d];
                borrowed[i] = true;
            }
        }

        return borrowed;
    }

    /// <summary>Cues that need no article: quotes, modality, no-comment phrasing, length.</summary>
    private static IEnumerable<string> SentenceCues(string sentence)
    {
        if (QuoteMark().IsMatch(sentence))
        {
            yield return "has_quote";
        }

        if (OpensWithQuote().IsMatch(sentence))
        {
            yield return "opens_quote";
        }

        if (Modal().IsMatch(sentence))
        {
            yield return "modal";
        }

        if (PastCue().IsMatch(sentence))
        {
            yield return "past_cue";
        }

        if (NoComment().IsMatch(sentence))
        {
            yield return "no_comment_cue";
        }

        var words = Word().Count(sentence);
        yield return words switch
        {
            < 8 => "len_short",
            < 20 => "len_mid",
            < 35 => "len_long",
            _ => "len_vlong",
        };
    }

    private static string PositionCue(int index, int count) => index switch
    {
        0 => "pos_head",
        1 => "pos_lede",
        2 => "pos_second",
        _ when index < count * 0.3 => "pos_early",
        _ when index < count * 0.7 => "pos_mid",
        _ => "pos_late",
    };

    private enum SpeakerKind
    {
        None,
        Proposer,
        Other,
    }

    private static SpeakerKind Classify(string? speaker, Proposers proposers, ref string? lastSpeaker, ref SpeakerKind lastKind)
    {
        if (speaker is null)
        {
            return SpeakerKind.None;
        }

        var words = speaker.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 1 && PronounWords.Contains(words[0]))
        {
            // "he said": the last named speaker, else whoever proposed.
            return lastSpeaker is not null ? lastKind : proposers.Any ? SpeakerKind.Proposer : SpeakerKind.Other;
        }

        var keys = NameKeys(speaker);
        SpeakerKind kind;
        if (keys.Count == 0)
        {
            // "the envoy", "the company": the proposer when a proposer was named with that noun.
            var head = words[^1];
            kind = proposers.Nouns.Contains(head.ToLowerInvariant()) ? SpeakerKind.Proposer : SpeakerKind.Other;
        }
        else
        {
            kind = proposers.Names.Overlaps(keys) ? SpeakerKind.Proposer : SpeakerKind.Other;
        }

        lastSpeaker = speaker;
        lastKind = kind;
        return kind;
    }

    private static string? FindSpeaker(string sentence)
    {
        var m = VerbBeforeSpeaker().Match(sentence);
        if (m.Success)
        {
            return m.Groups["spk"].Value;
        }

        m = AccordingTo().Match(sentence);
        if (m.Success)
        {
            return m.Groups["spk"].Value;
        }

        // The last "X said" in the sentence is the attribution of a quote that opened it.
        Match? last = null;
        foreach (Match candidate in SpeakerBeforeVerb().Matches(sentence))
        {
            last = candidate;
        }

        return last?.Groups["spk"].Value;
    }

    // The name keys of every proposer ("dmitriev", "kirill") and the common nouns of the sentences
    // that name them ("envoy"), which let "the envoy" resolve to the proposer.
    private sealed record Proposers(HashSet<string> Names, HashSet<string> Nouns, List<string> Display)
    {
        public bool Any => Names.Count > 0;
    }

    private static Proposers FindProposers(IReadOnlyList<string> sentences)
    {
        var proposers = new Proposers(new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), []);
        foreach (var sentence in sentences)
        {
            if (string.IsNullOrEmpty(sentence))
            {
                continue;
            }

            var found = false;
            foreach (var regex in (ReadOnlySpan<Regex>)[ProposerBeforeVerb(), ProposalBy(), ProposerPossessive()])
            {
                foreach (Match m in regex.Matches(sentence))
                {
                    var keys = NameKeys(m.Groups["spk"].Value);
                    if (keys.Count > 0)
                    {
                        proposers.Names.UnionWith(keys);
                        if (!proposers.Display.Contains(m.Groups["spk"].Value))
                        {
                            proposers.Display.Add(m.Groups["spk"].Value);
                        }

                        found = true;
                    }
                }
            }

            if (found)
            {
                foreach (Match w in Word().Matches(sentence))
                {
                    if (char.IsLower(w.Value[0]) && w.Value.Length > 3)
                    {
                        proposers.Nouns.Add(w.Value);
                    }
                }
            }
        }

        return proposers;
    }

    private static HashSet<string> NameKeys(string phrase)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var w = word.Trim('.', ',', '\'', '’').Replace("’s", string.Empty).Replace("'s", string.Empty);
            if (w.Length > 1 && char.IsUpper(w[0]) && !NonNameWords.Contains(w))
            {
                keys.Add(w.ToLowerInvariant());
            }
        }

        return keys;
    }

    private static bool MentionsProposer(string sentence, Proposers proposers)
    {
        if (!proposers.Any)
        {
            return false;
        }

        foreach (Match w in Word().Matches(sentence))
        {
            if (char.IsUpper(w.Value[0]) && proposers.Names.Contains(w.Value.ToLowerInvariant()))
            {
                return true;
            }
        }

        return false;
    }

    private static HashSet<string> ContentWords(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match w in Word().Matches(text))
        {
            if (w.Value.Length > 3)
            {
                set.Add(w.Value.ToLowerInvariant());
            }
        }

        return set;
    }

    private static string OverlapBucket(HashSet<string> words, HashSet<string> lead)
    {
        if (words.Count == 0)
        {
            return "none";
        }

        var shared = words.Count(lead.Contains);
        var ratio = (double)shared / words.Count;
        return ratio switch
        {
            0 => "none",
            < 0.15 => "low",
            < 0.35 => "mid",
            _ => "high",
        };
    }
}

/// <summary>An article as <see cref="ArticleContext"/> read it.</summary>
/// <param name="Rows">One model row per sentence, in order.</param>
/// <param name="Speakers">Each sentence's speaker as written in the article (pronouns resolved), or null.</param>
/// <param name="Attributions">The speaker as the sentence itself names it ("he", "the envoy", "Dmitriev"), or null when it names none.</param>
/// <param name="Proposers">The proposers found, as written, in order of first mention.</param>
internal sealed record ArticleReading(IReadOnlyList<StanceInput> Rows, IReadOnlyList<string?> Speakers, IReadOnlyList<string?> Attributions, IReadOnlyList<string> Proposers);
