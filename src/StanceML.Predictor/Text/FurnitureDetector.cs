using System.Text.RegularExpressions;

namespace StanceML.Text;

/// <summary>Recognises page furniture: lines a web page or wire feed puts around the story.</summary>
internal static partial class FurnitureDetector
{
    // Longer lines are article text even when they start like furniture ("By raising the levy, …").
    private const int MaxBylineLength = 90;

    [GeneratedRegex(
        @"^(?:to view this video|this video (?:is|can)|watch(?: the)? video|video:|" +
        @"(?:please )?get in touch with (?:our|the) news|contact our news ?team|" +
        @"for (?:more|the latest) (?:stories|news|updates)|" +
        @"(?:sign up|subscribe|register)\b.{0,60}\b(?:newsletter|alerts|updates|free)|sign up to|" +
        @"share (?:this|on|via)\b|share$|tweet$|email$|print$|comments?$|advertisement$|" +
        @"read (?:more|next|also)\b\s*[:»>-]|related(?: articles| stories)?\s*:|more on this story|" +
        @"follow (?:us|the author|@)|click here|download (?:the|our) app|" +
        @"(?:photo|photograph|picture|pictures|image|images|pic|illustration|video|file photo)(?: credit)?\s*:|" +
        @"\(?(?:image|photo|picture) (?:credit|source)|" +
        @"\(?(?:additional )?(?:reporting|writing|editing) by\b|" +
        @"(?:updated|published|posted|last (?:updated|modified))\s*:?\s*(?:on\s+)?(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|yesterday)|" +
        @"copyright\b|©|all rights reserved|this (?:article|story) (?:was|has been) (?:amended|updated|corrected))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FurnitureStart();

    // "By Priya Nair", "By Priya Nair, Transport Correspondent", "By JANE DOE and JOHN ROE"
    [GeneratedRegex(
        @"^(?:By|BY|by)\s+\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|and|&|de|van|von|da|al|bin))*" +
        @"(?:\s*[,|–—-]\s*(?:\p{Lu}[\p{L}'’.-]*|in|and|for|of|the|at|&)(?:\s+(?:\p{Lu}[\p{L}'’.-]*|in|and|for|of|the|at|&))*)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Byline();

    // A credit line such as "REUTERS/Kim Lee", "AFP via Getty Images", "Ana Ruiz/AFP".
    [GeneratedRegex(
        @"^(?:\p{L}[\p{L}.' -]{0,40}/\s?(?:\p{Lu}[\p{L}.' -]{0,40})|(?:AFP|AP|Reuters|Getty|PA|EPA|Shutterstock|Alamy)\b.{0,30}(?:Images|Photo|Wire|via .*)?)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Credit();

    /// <summary>True when <paramref name="segment"/> (already trimmed) is page furniture.</summary>
    public static bool IsFurniture(ReadOnlySpan<char> segment)
    {
        if (segment.IsEmpty)
        {
            return false;
        }

        var text = segment.ToString();
        if (FurnitureStart().IsMatch(text))
        {
            return true;
        }

        if (text.Length <= MaxBylineLength && (Byline().IsMatch(text) || Credit().IsMatch(text)))
        {
            return true;
        }

        return false;
    }
}
