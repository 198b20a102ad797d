using Muster.Cli;
using Spectre.Console;

namespace Muster.Tests;

/// <summary>
/// Runs `muster` in-process and captures what a person would see, without colours.
/// The console is process-wide, so tests that use it are in one non-parallel collection.
/// </summary>
internal static class CliRun
{
    public static async Task<(int ExitCode, string Output)> Muster(params string[] args)
    {
        var writer = new StringWriter();
        var previous = AnsiConsole.Console;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        AnsiConsole.Console.Profile.Width = 200;
        try
        {
            var code = await MusterApp.RunAsync(args);
            return (code, writer.ToString());
        }
        finally
        {
            AnsiConsole.Console = previous;
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
