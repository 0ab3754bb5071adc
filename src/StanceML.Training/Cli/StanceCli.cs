using System.CommandLine;
using System.Diagnostics;

namespace StanceML.Training.Cli;

/// <summary>Where a CLI run reads and writes: the process's console, or writers in tests.</summary>
internal sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error);

/// <summary>
/// The <c>stanceml</c> command line: <c>train</c>, <c>evaluate</c>, <c>predict</c>, <c>label</c>.
/// Results go to stdout, messages and progress to stderr; exit 0 on success, 1 on bad input,
/// 2 on usage errors.
/// </summary>
internal static class StanceCli
{
    public const int Success = 0;

    /// <summary>Parses <paramref name="args"/> and runs the verb.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var verbose = new Option<bool>("--verbose")
        {
            Description = "Print the details (stack trace) of an unexpected error.",
            Recursive = true,
        };

        var root = new RootCommand("StanceML: labels the sentences of news articles as proposal, reaction or context.")
        {
            Options = { verbose },
        };

        var commands = new CommandContext(console, verbose);
        root.Subcommands.Add(TrainCommand.Create(commands));
        root.Subcommands.Add(EvaluateCommand.Create(commands));
        root.Subcommands.Add(PredictCommand.Create(commands));
        root.Subcommands.Add(LabelCommand.Create(commands));
        root.Subcommands.Add(BenchmarkCommand.Create(commands));
        root.Subcommands.Add(CalibrateCommand.Create(commands));

        var parse = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync($"stanceml: {error.Message}");
            }

            await console.Error.WriteLineAsync("Run `stanceml --help` or `stanceml <verb> --help` for usage.");
            return CliException.BadUsage;
        }

        return await parse.InvokeAsync(configuration, cancellationToken);
    }
}

/// <summary>What every verb shares: the console, the --verbose flag, and error handling.</summary>
internal sealed class CommandContext(CliConsole console, Option<bool> verbose)
{
    public CliConsole Console { get; } = console;

    /// <summary>Runs a verb body, turning failures into one line on stderr and an exit code.</summary>
    public async Task<int> RunAsync(ParseResult parse, Func<CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        try
        {
            await body(cancellationToken);
            await Console.Out.FlushAsync(cancellationToken);
            return StanceCli.Success;
        }
        catch (CliException e)
        {
            await Console.Error.WriteLineAsync($"stanceml: {e.Message}");
            WriteDetail(parse, e.InnerException);
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("stanceml: cancelled; no output file was replaced.");
            return 130;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"stanceml: {e.Message}");
            WriteDetail(parse, e);
            return CliException.BadInput;
        }
    }

    /// <summary>Reports progress on stderr with the time since the verb started.</summary>
    public IProgress<string> Progress()
    {
        var clock = Stopwatch.StartNew();
        return new SyncProgress(message => Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0}s] {message}"));
    }

    private void WriteDetail(ParseResult parse, Exception? e)
    {
        if (e is not null && parse.GetValue(verbose))
        {
            Console.Error.WriteLine(e.ToString());
        }
    }

    // Progress<T> posts to the thread pool; messages must come out in order and before exit.
    private sealed class SyncProgress(Action<string> report) : IProgress<string>
    {
        private readonly Lock _gate = new();

        public void Report(string value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
