namespace StanceML.Training.Cli;

/// <summary>
/// A failure the user can fix: bad input (exit code 1) or bad usage (exit code 2). Its message is
/// the one line printed on stderr, so it names the file, line and column and says what to do.
/// </summary>
internal sealed class CliException : Exception
{
    public const int BadInput = 1;
    public const int BadUsage = 2;

    public CliException(string message, int exitCode = BadInput, Exception? inner = null)
        : base(message, inner) => ExitCode = exitCode;

    public int ExitCode { get; }

    /// <summary>A problem at a place in an input file.</summary>
    public static CliException At(string path, int line, string? column, string problem) =>
        new(column is null ? $"{path}:{line}: {problem}" : $"{path}:{line}: column '{column}': {problem}");
}
