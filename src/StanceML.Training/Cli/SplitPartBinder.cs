using System.CommandLine;
using StanceML.Training.Corpus;

namespace StanceML.Training.Cli;

/// <summary>The <c>--split FILE --part test|train</c> pair shared by <c>evaluate</c> and <c>calibrate</c>.</summary>
internal sealed class SplitPartBinder
{
    private readonly Option<string?> _split = new("--split") { Description = "CSV of article_id,split (train|test): use one part of the split only (see --part)." };
    private readonly Option<string> _part = new("--part") { Description = "With --split: the part to use, test or train.", DefaultValueFactory = _ => "test" };

    private SplitPartBinder() => _part.AcceptOnlyFromAmong("test", "train");

    public static SplitPartBinder Create() => new();

    public void AddTo(Command command)
    {
        command.Options.Add(_split);
        command.Options.Add(_part);
    }

    /// <summary><paramref name="corpus"/> restricted to the chosen part, named so in reports; unchanged without --split.</summary>
    public async Task<CorpusFile> ApplyAsync(ParseResult parse, CorpusFile corpus, CancellationToken cancellationToken)
    {
        if (parse.GetValue(_split) is not { } splitPath)
        {
            return corpus;
        }

        var part = parse.GetValue(_part)!;
        var (train, test) = (await SplitFile.ReadAsync(splitPath, cancellationToken)).Apply(corpus, splitPath);
        return corpus with { Path = $"{corpus.Path} ({part} articles of {splitPath})", Rows = part == "test" ? test : train };
    }
}
