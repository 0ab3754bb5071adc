using System.Text;

namespace StanceML.Modeling;

/// <summary>Normalises sentence text before featurisation, identically in training and scoring.</summary>
internal static class FeatureText
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

        return sb.ToString().TrimEnd();
    }
}
