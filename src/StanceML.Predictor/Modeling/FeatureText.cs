using System.Text;

namespace StanceML.Modeling;

/// <summary>Normalises sentence text before featurisation, identically in training and scoring.</summary>
internal static partial class FeatureText
{
    /// <summary>Longer inputs are cut: no sentence is this long, and featurising a megabyte is wasted work.</summary>
    public const int MaxLength = 4000;

    /// <summary>
    /// Folds typographic variants (curly quotes, dashes, ellipses), maps digits to 0 so that
    /// amounts generalise, replaces control characters and broken surrogates, collapses spaces.
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var source = text.Length > MaxLength ? text[..MaxLength] : text;
        source = source.Replace("''", "\"", StringComparison.Ordinal).Replace("``", "\"", StringComparison.Ordinal);
        var sb = new StringBuilder(source.Length);
        var lastWasSpace = true;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (char.IsHighSurrogate(c) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1]))
            {
                sb.Append(c).Append(source[++i]);
                lastWasSpace = false;
                continue;
            }

            c = c switch
            {
                _ when char.IsSurrogate(c) => '\uFFFD',
                _ when char.IsWhiteSpace(c) || char.IsControl(c) => ' ',
                '‘' or '’' or '‚' or '‛' or '′' => '\'',
                '“' or '”' or '„' or '‟' or '«' or '»' or '″' => '"',
                '–' or '—' or '−' or '‒' or '―' => '-',
                _ when char.IsDigit(c) => '0',
                _ => c,
            };

            if (c == ' ')
            {
                if (!lastWasSpace)
                {
                    sb.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            if (c == '…')
            {
                sb.Append("...");
            }
            else
            {
                sb.Append(c);
            }

            lastWasSpace = false;
        }

        return MaskNames(sb.ToString().TrimEnd());
    }

    // Proper names (of people, firms, places) say what an article is about, not what a sentence
    // does in it; a model that learns them learns the corpus's topics. Capitalised words after the
    // first word become "Xx", except function words and titles, which are cues.
    private static string MaskNames(string text) => CapitalisedWord().Replace(text, m =>
        KeptCapitalised.Contains(m.Value) || !text.AsSpan(0, m.Index).ContainsAnyInRange('A', 'z') ? m.Value : "Xx");

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\p{L}\d'])\p{Lu}[\p{L}\d'’&.-]*", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex CapitalisedWord();

    private static readonly HashSet<string> KeptCapitalised = new(StringComparer.Ordinal)
    {
        "I", "I'm", "I've", "I'd", "I'll", "We", "We're", "We've", "We'll", "It", "It's", "Its", "The", "This", "That", "These", "Those",
        "He", "She", "They", "They're", "You", "You're", "Our", "My", "Your", "His", "Her", "Their", "A", "An", "And", "But", "Or",
        "If", "In", "On", "At", "As", "By", "For", "With", "Without", "To", "Of", "From", "After", "Before", "When", "While",
        "Although", "Because", "So", "Yet", "Now", "Then", "There", "Here", "What", "Why", "How", "Who", "Where", "No", "Not", "Yes",
        "Under", "Over", "Since", "Until", "Despite", "However", "Meanwhile", "Instead", "Still", "Also", "Even", "Only", "Some",
        "Many", "Most", "All", "Both", "Each", "Every", "Any", "Last", "Next", "Earlier", "Later", "Today", "Yesterday", "Tomorrow",
        "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Prof", "Sir", "Dame", "Lord", "President", "Prime", "Minister",
        "Secretary", "Chancellor", "Senator", "Sen.", "Rep.", "Gov.", "Governor", "Mayor", "Councillor", "Cllr", "Chief", "Executive",
        "Chairman", "Chairwoman", "Chair", "Director", "Spokesman", "Spokeswoman", "Spokesperson", "Leader", "Deputy", "General",
        "Government", "Parliament", "Congress", "Senate", "Council", "Board", "Court", "Commission", "Ministry", "Department",
        "Party", "Union", "Opposition", "Labour", "Conservative", "Democrats", "Republicans", "Democratic", "Republican",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April",
        "May", "June", "July", "August", "September", "October", "November", "December", "Reuters", "AP", "AFP",
    };
}
