using System.Text;
using StanceML.Training.Cli;

// Results can be large (predict streams a line per sentence): buffer stdout, flush once at the end.
var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
try
{
    return await StanceCli.RunAsync(args, new CliConsole(Console.In, stdout, Console.Error));
}
finally
{
    await stdout.FlushAsync();
}
