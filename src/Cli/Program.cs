using NativeGan.Cli;

return CommandLine.Run(args);
