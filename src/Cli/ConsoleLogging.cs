using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace NativeGan.Cli;

/// <summary>
/// Logger factory for the CLI. Messages go through Spectre.Console, which prints them
/// above a running progress bar instead of breaking it.
/// </summary>
public static class ConsoleLogging
{
    /// <summary>Creates the factory; messages at Information and above are shown.</summary>
    public static ILoggerFactory Create() => LoggerFactory.Create(builder =>
        builder
            .SetMinimumLevel(LogLevel.Information)
            .AddProvider(new AnsiConsoleLoggerProvider(CommandLine.Output)));

    private sealed class AnsiConsoleLoggerProvider(IAnsiConsole console) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new AnsiConsoleLogger(console);

        public void Dispose()
        {
        }
    }

    private sealed class AnsiConsoleLogger(IAnsiConsole console) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            string level = logLevel switch
            {
                LogLevel.Warning => "[yellow]warning:[/] ",
                >= LogLevel.Error => "[red]error:[/] ",
                _ => "",
            };
            string text = Markup.Escape(formatter(state, exception));
            console.MarkupLine($"[grey]{DateTime.Now:HH:mm:ss}[/] {level}{text}");
        }
    }
}
