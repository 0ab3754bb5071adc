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
    private const string Titled = @"(?i:the|a|an|its|his|her|their)\s+(?:[\p{L}\-]+\s+){0,3}[\p{Ll}\-]+";
    private const string Pronoun = @"(?:(?i:he|she|they|it|we)|I)";

    // "Switzerland's finance minister", "the airport's owners": a titled party of a named place or body.
    private const string Possessed = Name + @"(?:'s|’s)\s+(?:[\p{Ll}\-]+\s+){0,2}[\p{Ll}\-]+";
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
        @"set out|sets out|drew up|drafted|drafts|recommended|recommends|demanded|demands|intends|intended|aims|hopes|pitch|" +
        @"present(?:s|ed)? (?:\w+\s+){0,3}(?:plans?|proposals?|bill|budget|scheme|offer|bid|reform|package|blueprint|strategy)|" +
        @"(?:is|are|was|were) preparing|prepares|agree(?:s|d)? to (?:buy|sell|acquire|pay|merge|take over|invest)|" +
        @"(?:is|are|was|were) in (?:advanced |early |exclusive |final )?talks to (?:buy|acquire|merge|take over|sell|invest)|" +
        @"(?:is|are|was|were) pressing|press(?:es|ed)? for|moved to|(?:is|are) (?:considering|weighing|mulling)|mulls|" +
        @"(?:is|are|was|were) (?:fronting|leading|spearheading) (?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:bid|offer|consortium|plan|campaign|push))";

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

    // Verbs of an inverted attribution ("…," said the mayor.); not "told reporters".
    private const string InvertedVerb =
        @"(?:said|says|added|adds|argued|argues|insisted|insists|claimed|claims|warned|warns|noted|notes|wrote|writes|" +
        @"explained|explains|declared|declares|countered|counters|replied|replies|responded|responds|continued|continues|" +
        @"recalled|recalls|stressed|stresses|cautioned|cautions|conceded|concedes|acknowledged|acknowledges|predicted|predicts)";

    [GeneratedRegex($@"[,'""’”]\s*{InvertedVerb}\s+(?:(?<spk>{Name})(?=\s*(?:[,.;:(]|$|who\b|of\b|from\b|at\b|in\b))|(?<spk>{Titled})(?=\s*(?:[,.;:(]|$)))", RegexOptions.CultureInvariant)]
    private static partial Regex VerbBeforeSpeaker();

    // "Jan Thwaite, the council's cabinet member for economy, said …": the subject before an appositive.
    [GeneratedRegex($@"(?<spk>{Name})\s*,\s*(?:[^,""“”]{{2,90}}?),\s*(?:also\s+|later\s+|then\s+)?{SpeechVerb}\b", RegexOptions.CultureInvariant)]
    private static partial Regex AppositiveSpeaker();

    // A person and the role the article gives them: "Jan Thwaite, the council's cabinet member,",
    // "Zambia's transport minister, Chanda Mwale,", "Skyloft co-founder Maya Sandoval".
    [GeneratedRegex($@"(?<name>{Name})\s*,\s*(?<role>[^,;""“”]{{2,100}}?)\s*(?:,|\bsaid\b|\btold\b|$)", RegexOptions.CultureInvariant)]
    private static partial Regex NameThenRole();

    [GeneratedRegex($@"(?<role>[^,;""“”.]{{2,80}}?)\s*,\s*(?<name>{Name})\s*,", RegexOptions.CultureInvariant)]
    private static partial Regex RoleThenName();

    [GeneratedRegex($@"\baccording to\s+(?<spk>{Name}|{Titled}|(?:people|sources|documents|officials|analysts|estimates|figures|data)\b(?:\s+[\p{{Ll}}\-]+){{0,4}})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AccordingTo();

    [GeneratedRegex($@"(?<spk>{Possessed}|{Name}|{Titled}|{Pronoun})\s*,?\s+(?:(?:has|have|had|on \p{{Lu}}\p{{Ll}}+|also|now|formally|officially|last \w+|this \w+|jointly|quietly|separately)\s+)*{ProposeVerb}\b", RegexOptions.CultureInvariant)]
    private static partial Regex ProposerBeforeVerb();

    // "Lee Danvers, the former striker who is fronting a bid", "Okafor, who proposed the levy".
    [GeneratedRegex($@"(?<spk>{Name})\s*,\s*(?:[^,]{{0,80}}?\s)?who\s+(?:(?:has|have|had|first|also|last \w+)\s+)*{ProposeVerb}\b", RegexOptions.CultureInvariant)]
    private static partial Regex ProposerWho();

    // "plans drawn up by highways chiefs", "an overhaul proposed on Monday by ATP chairman Rutger Vos".
    [GeneratedRegex($@"\b(?:proposed|put forward|unveiled|tabled|drawn up|drew up|floated|pitched|submitted|launched|outlined|set out|championed)\s+(?:(?:on|last|this|earlier|in)\s+\w+\s+)?by\s+(?:(?:[\p{{Ll}}\-]+\s+){{0,3}}(?<spk>{Name})|(?<spk>{Titled})|(?<spk>(?:[\p{{Ll}}\-]+\s+){{0,2}}[\p{{Ll}}\-]+))", RegexOptions.CultureInvariant)]
    private static partial Regex ProposedBy();

    // A title before a name: "Finance Minister Pavel Drábek", "founder Victor Kaminski", "council leader Ann Bell".
    [GeneratedRegex($@"(?<title>(?:[\p{{L}}\-]+\s+){{0,2}}[\p{{L}}\-]+)\s+(?<name>{NameWord}(?:\s+{NameWord}){{0,3}})", RegexOptions.CultureInvariant)]
    private static partial Regex TitleThenName();

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

            rows.Add(new StanceInput { Text = FeatureText.Normalize(sentence), Context = string.Join(' ', cues), Raw = sentence, Speaker = speaker });
        }

        return new ArticleReading(rows, names, attributions, proposers.Display);
    }

    [GeneratedRegex(@"^(?:(?:the|a|an|two|three|several)\s+)?(?:people|person|sources?|officials? familiar|documents?|draft|filing|statement)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SourcePhrase();

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

        /// <summary>An unnamed source or a document ("people familiar with the matter", "a filing"), not a party reacting.</summary>
        Source,
    }

    // Heads of attributions that report rather than react: anonymous sources and documents.
    private static readonly HashSet<string> SourceHeads = new(StringComparer.Ordinal)
    {
        "people", "person", "sources", "source", "document", "documents", "draft", "filing", "filings", "statement", "release",
        "report", "study", "review", "plan", "plans", "proposal", "proposals", "papers", "text", "letter", "memo", "presentation",
        "analysis", "figures", "data", "estimates", "survey", "poll", "website", "notice", "prospectus", "matter",
    };

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
        var headWord = words[^1].Trim('.', ',').ToLowerInvariant();
        if (SourceHeads.Contains(headWord) || SourcePhrase().IsMatch(speaker))
        {
            // A source is not a speaker a later "he said" refers back to.
            return SpeakerKind.Source;
        }

        if (keys.Count == 0)
        {
            // "the envoy", "the company": the proposer when a proposer was named with that noun.
            var head = words[^1].ToLowerInvariant();
            kind = proposers.Nouns.Contains(head) || proposers.Heads.Contains(head) ? SpeakerKind.Proposer : SpeakerKind.Other;
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
        if (m.Success && IsSpeakerPhrase(m.Groups["spk"].Value))
        {
            return m.Groups["spk"].Value;
        }

        m = AccordingTo().Match(sentence);
        if (m.Success && IsSpeakerPhrase(m.Groups["spk"].Value))
        {
            return m.Groups["spk"].Value;
        }

        m = AppositiveSpeaker().Match(sentence);
        if (m.Success && IsSpeakerPhrase(m.Groups["spk"].Value))
        {
            return m.Groups["spk"].Value;
        }

        // The last "X said" in the sentence is the attribution of a quote that opened it.
        Match? last = null;
        foreach (Match candidate in SpeakerBeforeVerb().Matches(sentence))
        {
            if (IsSpeakerPhrase(candidate.Groups["spk"].Value))
            {
                last = candidate;
            }
        }

        return last?.Groups["spk"].Value;
    }

    // A phrase that can be a speaker: a name, a role ("the mayor") or a pronoun; not a bare
    // "Tuesday" or "In Brussels".
    private static bool IsSpeakerPhrase(string phrase) =>
        IsPronoun(phrase) || NameKeys(phrase).Count > 0 || phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, _, ..] words
            && (first.ToLowerInvariant() is "the" or "a" or "an" or "its" or "his" or "her" or "their" || SourcePhrase().IsMatch(phrase))
            && !words.Any(w => ClauseWords.Contains(w));

    // Words that make a role-like phrase a clause ("said the revamp was overdue"), not a speaker.
    private static readonly HashSet<string> ClauseWords = new(StringComparer.Ordinal)
    {
        "was", "is", "were", "are", "would", "will", "had", "has", "have", "could", "should", "can", "may", "might", "must", "did", "does", "do", "not",
    };

    // The name keys of every proposer ("dmitriev", "kirill") and the common nouns of the sentences
    // that name them ("envoy"), which let "the envoy" resolve to the proposer.
    // Heads are the head nouns of proposers named by role ("the state government" → government,
    // "Switzerland's finance minister" → minister), which resolve "the government said" and
    // link a later "Finance Minister Pavel Drábek" to the proposer.
    private sealed record Proposers(HashSet<string> Names, HashSet<string> Nouns, HashSet<string> Heads, List<string> Display)
    {
        public bool Any => Names.Count > 0 || Heads.Count > 0;
    }

    // Role heads too vague to stand for a proposer ("the plan would", "the idea is").
    private static readonly HashSet<string> VagueHeads = new(StringComparer.Ordinal)
    {
        "plan", "plans", "proposal", "proposals", "idea", "scheme", "bill", "move", "report", "study", "draft", "deal", "offer", "bid",
        "one", "other", "others", "people", "matter", "time", "year", "week", "day", "month", "which", "that", "this", "what",
    };

    private static Proposers FindProposers(IReadOnlyList<string> sentences)
    {
        var proposers = new Proposers(new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), []);
        foreach (var sentence in sentences)
        {
            if (string.IsNullOrEmpty(sentence))
            {
                continue;
            }

            var found = false;
            foreach (var regex in (ReadOnlySpan<Regex>)[ProposerBeforeVerb(), ProposerWho(), ProposalBy(), ProposedBy(), ProposerPossessive()])
            {
                foreach (Match m in regex.Matches(sentence))
                {
                    var phrase = m.Groups["spk"].Value.Trim();
                    if (RoleHead(phrase) is { } head)
                    {
                        proposers.Heads.Add(head);
                    }
                    else if (NameKeys(phrase) is { Count: > 0 } keys)
                    {
                        proposers.Names.UnionWith(keys);
                    }
                    else
                    {
                        continue;
                    }

                    if (!proposers.Display.Contains(phrase))
                    {
                        proposers.Display.Add(phrase);
                    }

                    found = true;
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

        LinkTitledNames(sentences, proposers);
        return proposers;
    }

    // People who speak for a proposer are proposers too: the holder of a proposing role ("the
    // finance minister proposed …", later "Finance Minister Pavel Drábek said …") and people
    // whose role names a proposer ("Jan Thwaite, the council's cabinet member", "Skyloft
    // co-founder Maya Sandoval", "Lombardy's transport assessor, Giulia Ferrante").
    private static void LinkTitledNames(IReadOnlyList<string> sentences, Proposers proposers)
    {
        if (!proposers.Any)
        {
            return;
        }

        var linked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            var text = sentence ?? string.Empty;
            // Only a sentence that names a proposer or its role can link someone to it (and the
            // regexes below are the costliest of the reader).
            if (!Word().Matches(text).Select(w => w.Value.ToLowerInvariant()).Any(w => proposers.Names.Contains(w) || proposers.Heads.Contains(w)))
            {
                continue;
            }

            foreach (Match m in TitleThenName().Matches(text))
            {
                Link(m.Groups["title"].Value, m.Groups["name"].Value);
            }

            foreach (Match m in NameThenRole().Matches(text))
            {
                Link(m.Groups["role"].Value, m.Groups["name"].Value);
            }

            foreach (Match m in RoleThenName().Matches(text))
            {
                Link(m.Groups["role"].Value, m.Groups["name"].Value);
            }
        }

        proposers.Names.UnionWith(linked);

        void Link(string role, string name)
        {
            var roleWords = role.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(w => w.Trim('.', ',', '\'', '’').Replace("’s", string.Empty).Replace("'s", string.Empty).ToLowerInvariant())
                .ToList();
            var holdsRole = roleWords.Count > 0 && proposers.Heads.Contains(roleWords[^1]);
            var namesProposer = roleWords.Any(w => proposers.Names.Contains(w) || proposers.Heads.Contains(w) && !VagueHeads.Contains(w));
            if (holdsRole || namesProposer)
            {
                linked.UnionWith(NameKeys(name));
            }
        }
    }

    // The head noun of a proposer named by role ("the state government", "Switzerland's finance
    // minister", "highways chiefs"), or null for a name or a pronoun.
    private static string? RoleHead(string phrase)
    {
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || IsPronoun(phrase))
        {
            return null;
        }

        var possessed = phrase.Contains("'s ", StringComparison.Ordinal) || phrase.Contains("’s ", StringComparison.Ordinal);
        var titled = char.IsLower(words[0][0]) || words[0] is "The" or "A" or "An" or "Its" or "His" or "Her" or "Their";
        if (!possessed && !titled)
        {
            return null;
        }

        var head = words[^1].ToLowerInvariant();
        return char.IsLower(words[^1][0]) && head.Length > 2 && !VagueHeads.Contains(head) ? head : null;
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
