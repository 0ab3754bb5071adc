using System.Collections.Frozen;

namespace StanceML.Text;

/// <summary>
/// Splits news article text into sentences, keeping each sentence's offsets into the input
/// and marking page furniture (video notices, credits, bylines, share prompts) to skip.
/// </summary>
/// <remarks>
/// Built for news copy: a quotation stays one sentence with its attribution (also when it holds
/// several sentences, "…" or "?"), abbreviations, initials, decimals, money, URLs and handles do
/// not end sentences, and a line without final punctuation (a headline) is a sentence of its own.
/// A line break ends a sentence unless the next line continues it (starts in lower case, or the
/// line breaks after a comma or dash). Stateless and thread-safe; never throws for any string.
/// </remarks>
public static class NewsSegmenter
{
    // Quote lookahead is bounded so that a megabyte of unmatched quote marks stays linear.
    private const int MaxQuoteLength = 3000;

    // Titles before a name: a full stop after them never ends a sentence.
    private static readonly FrozenSet<string> Titles = new[]
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "mt", "jr", "sr", "gov", "govt", "sen", "rep", "reps",
        "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "rev", "hon", "pres", "supt", "insp", "det",
        "fig", "vs", "v", "approx", "mme", "mlle", "messrs", "cf", "ft", "ave", "dept", "univ", "sec",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // Abbreviations that may also close a sentence ("shares of Acme Inc. The company…").
    private static readonly FrozenSet<string> Ambiguous = new[]
    {
        "inc", "corp", "co", "ltd", "plc", "bros", "llc", "jan", "feb", "mar", "apr", "jun", "jul",
        "aug", "sep", "sept", "oct", "nov", "dec", "etc", "no", "nos", "bn", "mn", "m", "km", "yr", "yrs",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // Words that start a new sentence after an ambiguous abbreviation or an acronym.
    private static readonly FrozenSet<string> SentenceStarters = new[]
    {
        "The", "A", "An", "It", "Its", "It's", "He", "She", "They", "We", "I", "This", "That", "These",
        "Those", "But", "And", "In", "On", "At", "As", "After", "Before", "However", "Meanwhile",
        "Shares", "There", "His", "Her", "Their", "Our", "If", "When", "While", "Although", "Last",
        "Some", "Many", "According", "Analysts", "Officials", "Critics", "Under", "Earlier", "Later",
        "Since", "Yet", "So", "Now", "Still", "Both", "Neither", "No", "Not", "What", "Why", "How",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Splits <paramref name="text"/> into sentences and furniture, in reading order.
    /// </summary>
    /// <param name="text">Article text: a headline, paragraphs separated by line breaks, any page furniture.</param>
    /// <returns>
    /// The non-blank segments in order; for each, <c>text.Substring(Start, Length) == Text</c>.
    /// Empty for null, empty or blank input.
    /// </returns>
    public static IReadOnlyList<TextSegment> Segment(string? text)
    {
        var segments = new List<TextSegment>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return segments;
        }

        foreach (var (start, end) in Blocks(text))
        {
            SplitBlock(text, start, end, segments, keepQuotesWhole: true);
        }

        return segments;
    }

    /// <summary>
    /// Splits like <see cref="Segment"/> but also inside quotations, the way many news pipelines
    /// split text: "“It works. Trust me,” she said." gives two pieces. Training uses it to show the
    /// model quote fragments without their attribution.
    /// </summary>
    internal static IReadOnlyList<string> SplitInsideQuotes(string text)
    {
        var segments = new List<TextSegment>();
        foreach (var (start, end) in Blocks(text))
        {
            SplitBlock(text, start, end, segments, keepQuotesWhole: false);
        }

        return segments.Select(s => s.Text).ToList();
    }

    /// <summary>Only the sentences of <paramref name="text"/>: <see cref="Segment"/> without furniture.</summary>
    /// <param name="text">Article text.</param>
    /// <returns>The sentence segments in reading order; empty for null or blank input.</returns>
    public static IReadOnlyList<TextSegment> Sentences(string? text) =>
        Segment(text).Where(s => s.Kind == SegmentKind.Sentence).ToList();

    // A block is a paragraph line plus the lines that continue it.
    private static IEnumerable<(int Start, int End)> Blocks(string text)
    {
        int blockStart = -1, blockEnd = -1;
        var pos = 0;
        while (pos <= text.Length)
        {
            var lineEnd = pos;
            while (lineEnd < text.Length && !IsLineBreak(text[lineEnd]))
            {
                lineEnd++;
            }

            var (trimStart, trimEnd) = Trim(text, pos, lineEnd);
            if (trimStart >= trimEnd)
            {
                if (blockStart >= 0)
                {
                    yield return (blockStart, blockEnd);
                    blockStart = -1;
                }
            }
            else if (blockStart >= 0 && Continues(text, blockEnd, trimStart))
            {
                blockEnd = trimEnd;
            }
            else
            {
                if (blockStart >= 0)
                {
                    yield return (blockStart, blockEnd);
                }

                blockStart = trimStart;
                blockEnd = trimEnd;
            }

            pos = lineEnd + 1;
            if (lineEnd < text.Length - 1 && text[lineEnd] == '\r' && text[lineEnd + 1] == '\n')
            {
                pos++;
            }
        }

        if (blockStart >= 0)
        {
            yield return (blockStart, blockEnd);
        }
    }

    private static bool Continues(string text, int previousEnd, int nextStart)
    {
        var last = text[previousEnd - 1];
        if (last is ',' or ';' or '-' or '–' or '—' or '/')
        {
            return true;
        }

        return char.IsLower(text[nextStart]) && !IsTerminal(last) && !IsClosingQuoteChar(last);
    }

    private static void SplitBlock(string text, int start, int end, List<TextSegment> segments, bool keepQuotesWhole)
    {
        var sentenceStart = start;
        var quotes = new Stack<char>();
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (quotes.Count > 0 && IsCloserAt(text, i, end, quotes.Peek()))
            {
                quotes.Pop();
                continue;
            }

            if (TryOpenQuote(text, i, end, out var closer))
            {
                quotes.Push(closer);
                continue;
            }

            if (!IsTerminal(c))
            {
                continue;
            }

            var terminalAt = i;
            var j = i + 1;
            while (j < end && IsTerminal(text[j]))
            {
                j++;
            }

            var singleFullStop = c == '.' && j == i + 1;

            while (j < end && (text[j] is ')' or ']' || (quotes.Count > 0 && IsCloserAt(text, j, end, quotes.Peek())) || IsClosingQuoteChar(text[j])))
            {
                if (quotes.Count > 0 && IsCloserAt(text, j, end, quotes.Peek()))
                {
                    quotes.Pop();
                }

                j++;
            }

            i = j - 1;
            if (j >= end || !char.IsWhiteSpace(text[j]) || keepQuotesWhole && quotes.Count > 0)
            {
                continue;
            }

            var next = j;
            while (next < end && char.IsWhiteSpace(text[next]))
            {
                next++;
            }

            if (next >= end || char.IsLower(text[next]) || (singleFullStop && IsAbbreviationStop(text, sentenceStart, terminalAt, next, end)))
            {
                continue;
            }

            Add(text, sentenceStart, j, segments);
            sentenceStart = next;
        }

        Add(text, sentenceStart, end, segments);
    }

    // True when the full stop at `dot` belongs to an abbreviation or initial rather than ending a sentence.
    private static bool IsAbbreviationStop(string text, int sentenceStart, int dot, int next, int end)
    {
        var wordStart = dot;
        while (wordStart > sentenceStart && !char.IsWhiteSpace(text[wordStart - 1]) && text[wordStart - 1] is not ('(' or '"' or '“' or '‘' or '\'' or '[' or '—' or '–'))
        {
            wordStart--;
        }

        var word = text.AsSpan(wordStart, dot - wordStart);
        if (word.IsEmpty)
        {
            return false;
        }

        var nextWord = NextWord(text, next, end);
        if (Titles.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word))
        {
            return true;
        }

        if (word.Equals("No", StringComparison.OrdinalIgnoreCase) || word.Equals("Nos", StringComparison.OrdinalIgnoreCase))
        {
            return char.IsDigit(text[next]);
        }

        var isInitial = word.Length == 1 && char.IsUpper(word[0]);
        var isAcronym = word.Contains('.') && word.Length <= 8 && !word.Contains("..", StringComparison.Ordinal);
        if (word is "e.g" or "i.e" or "E.g" or "I.e")
        {
            return true;
        }

        if (isInitial || isAcronym || Ambiguous.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word))
        {
            return !SentenceStarters.Contains(nextWord);
        }

        return false;
    }

    private static string NextWord(string text, int start, int end)
    {
        var stop = start;
        while (stop < end && (char.IsLetter(text[stop]) || text[stop] is '\'' or '’'))
        {
            stop++;
        }

        return text[start..stop].Replace('’', '\'');
    }

    private static bool TryOpenQuote(string text, int i, int end, out char closer)
    {
        closer = '\0';
        var c = text[i];
        var atWordStart = i == 0 || char.IsWhiteSpace(text[i - 1]) || text[i - 1] is '(' or '[' or '—' or '–' or '-' or ':' or '“' or '‘' or '"' or '\'';
        switch (c)
        {
            case '“' or '„':
                closer = '”';
                break;
            case '«':
                closer = '»';
                break;
            case '‘' when atWordStart:
                closer = '’';
                break;
            case '"' when atWordStart:
                closer = '"';
                break;
            case '\'' when atWordStart && i + 1 < end && !char.IsWhiteSpace(text[i + 1]):
                closer = '\'';
                break;
            default:
                return false;
        }

        // Only a quote that closes within the block counts; an apostrophe or a stray mark does not.
        var limit = Math.Min(end, i + MaxQuoteLength);
        for (var k = i + 1; k < limit; k++)
        {
            if (IsCloserAt(text, k, end, closer))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCloserAt(string text, int k, int end, char closer)
    {
        var c = text[k];
        if (closer == '”')
        {
            return c is '”' or '“' && k > 0 && !char.IsWhiteSpace(text[k - 1]) || c == '"' && k > 0 && !char.IsWhiteSpace(text[k - 1]);
        }

        if (closer is '’' or '\'')
        {
            if (c is not ('’' or '\''))
            {
                return false;
            }

            // An apostrophe sits between letters ("That’s"); a closing quote does not.
            var before = k > 0 ? text[k - 1] : ' ';
            var after = k + 1 < end ? text[k + 1] : ' ';
            return !char.IsWhiteSpace(before) && !char.IsLetterOrDigit(after);
        }

        return c == closer && k > 0 && !char.IsWhiteSpace(text[k - 1]);
    }

    private static void Add(string text, int start, int end, List<TextSegment> segments)
    {
        var (s, e) = Trim(text, start, end);
        if (s >= e)
        {
            return;
        }

        var kind = FurnitureDetector.IsFurniture(text.AsSpan(s, e - s)) ? SegmentKind.Furniture : SegmentKind.Sentence;
        segments.Add(new TextSegment(s, e - s, text[s..e], kind));
    }

    private static (int Start, int End) Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    private static bool IsTerminal(char c) => c is '.' or '!' or '?' or '…';

    private static bool IsClosingQuoteChar(char c) => c is '”' or '’' or '»' or '"' or '\'';

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085';
}
