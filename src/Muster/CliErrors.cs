using Muster.Core.Policies;
using Spectre.Console;

namespace Muster.Cli;

/// <summary>
/// Turns the errors a person can fix into one red line and an exit code, never a stack trace.
/// Anything else is a bug and is rethrown.
/// </summary>
public static class CliErrors
{
    public static async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (PolicyException e)
        {
            return Fail(e.Message);
        }
        catch (CliInputException e)
        {
            return Fail(e.Message);
        }
        catch (FileNotFoundException e)
        {
            return Fail($"{e.FileName}: no such file");
        }
        catch (DirectoryNotFoundException e)
        {
            return Fail(e.Message);
        }
    }

    public static int Fail(string message, int code = ExitCodes.BadInput)
    {
        AnsiConsole.Console.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        return code;
    }
}

/// <summary>Bad input found by a command (an option, a line of a file); the message names it.</summary>
public sealed class CliInputException : Exception
{
    public CliInputException() { }

    public CliInputException(string message) : base(message) { }

    public CliInputException(string message, Exception inner) : base(message, inner) { }
}
