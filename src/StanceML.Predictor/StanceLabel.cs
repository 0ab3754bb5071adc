namespace StanceML;

/// <summary>What a sentence does for the story about a proposal (see data/GUIDELINES.md).</summary>
public enum StanceLabel
{
    /// <summary>States or elaborates what is proposed, or makes the proposer's case for it.</summary>
    Proposal,

    /// <summary>Reports how someone responds to a proposal.</summary>
    Reaction,

    /// <summary>Background, related events, analysis and procedure: everything else.</summary>
    Context,
}
