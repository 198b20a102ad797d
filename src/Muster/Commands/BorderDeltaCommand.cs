using System.CommandLine;
using Muster.Core.Border.Snapshot;
using Spectre.Console;

namespace Muster.Cli.Commands;

/// <summary>`muster border delta --keys DIR --from FILE --to FILE --out FILE`: the signed change between two snapshots.</summary>
public static class BorderDeltaCommand
{
    public static Command Create()
    {
        var keys = new Option<DirectoryInfo>("--keys") { Description = "Folder written by `border keygen` (the key both snapshots are signed with).", Required = true };
        var from = new Option<FileInfo>("--from") { Description = "The snapshot the posts have.", Required = true };
        var to = new Option<FileInfo>("--to") { Description = "The later snapshot they should get to.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Delta file to write.", Required = true };
        var command = new Command("delta", "Build the signed delta between two border snapshots.") { keys, from, to, output };
        command.SetAction((parse, _) => CliErrors.Guard(() => Task.FromResult(Run(parse.GetValue(keys)!, parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(output)!))));
        return command;
    }

    private static int Run(DirectoryInfo keys, FileInfo from, FileInfo to, FileInfo output)
    {
        using var signing = BorderKeyFiles.ReadSigningKey(Path.Combine(keys.FullName, BorderKeyFiles.SigningKey));
        byte[] bytes;
        try
        {
            bytes = BorderSnapshotDeltaBuilder.Build(File.ReadAllBytes(from.FullName), File.ReadAllBytes(to.FullName), signing);
        }
        catch (ArgumentException e)
        {
            throw new CliInputException($"--from/--to: {e.Message}", e);
        }

        var temporary = output.FullName + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, output.FullName, overwrite: true);
        AnsiConsole.MarkupLine($"[green]ok[/] {Markup.Escape(output.FullName)}: {bytes.Length:N0} bytes");
        return ExitCodes.Ok;
    }
}
