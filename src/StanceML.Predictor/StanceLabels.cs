using System.Diagnostics.CodeAnalysis;

namespace StanceML;

/// <summary>The names of <see cref="StanceLabel"/> values as written in corpus files and models.</summary>
internal static class StanceLabels
{
    /// <summary>Every label, in enum order.</summary>
    public static readonly IReadOnlyList<StanceLabel> All = [StanceLabel.Proposal, StanceLabel.Reaction, StanceLabel.Context];

    /// <summary>The stances a reaction may carry.</summary>
    public static readonly IReadOnlyList<string> Stances = ["support", "oppose", "neutral"];

    /// <summary>The lower-case name used in CSV files: proposal, reaction, context.</summary>
    public static string ToName(this StanceLabel label) => label switch
    {
        StanceLabel.Proposal => "proposal",
        StanceLabel.Reaction => "reaction",
        StanceLabel.Context => "context",
        _ => throw new ArgumentOutOfRangeException(nameof(label), label, "not a StanceLabel value"),
    };

    /// <summary>Parses a label name, ignoring case and surrounding spaces.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out StanceLabel? label)
    {
        label = name?.Trim().ToLowerInvariant() switch
        {
            "proposal" => StanceLabel.Proposal,
            "reaction" => StanceLabel.Reaction,
            "context" => StanceLabel.Context,
            _ => null,
        };
        return label is not null;
    }
}
