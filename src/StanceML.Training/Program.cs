using StanceML.Training.Cli;

return await StanceCli.RunAsync(args, CliConsole.System);
