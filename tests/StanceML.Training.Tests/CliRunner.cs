using StanceML.Training.Cli;

namespace StanceML.Tests;

/// <summary>Runs the stanceml command line in-process with captured stdin, stdout and stderr.</summary>
internal static class CliRunner
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(string[] args, string stdin = "", CancellationToken cancellationToken = default)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await StanceCli.RunAsync(args, new CliConsole(new StringReader(stdin), output, error), cancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    public static string ShippedModel => TestPaths.Repo("models", "stance.zip");

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "stanceml-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
