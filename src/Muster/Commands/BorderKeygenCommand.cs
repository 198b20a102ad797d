using System.CommandLine;
using Muster.Core.Border.Snapshot;
using Spectre.Console;

namespace Muster.Cli.Commands;

/// <summary>
/// `muster border keygen --out DIR`: a new snapshot signing key (ECDSA P-256), its public key and a
/// hash key. Never overwrites a key: replacing one by accident would cut every post off.
/// </summary>
public static class BorderKeygenCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write signing-key.pem, public-key.pem and hash-key.pem into (created if missing).", Required = true };
        var command = new Command("keygen", "Generate the keys of border snapshots.") { output };
        command.SetAction((parse, _) => CliErrors.Guard(() => Task.FromResult(Run(parse.GetValue(output)!))));
        return command;
    }

    private static int Run(DirectoryInfo folder)
    {
        var paths = new[] { BorderKeyFiles.SigningKey, BorderKeyFiles.PublicKey, BorderKeyFiles.HashKey }.Select(f => Path.Combine(folder.FullName, f)).ToArray();
        if (paths.FirstOrDefault(File.Exists) is { } existing)
        {
            throw new CliInputException($"{existing} exists; keygen never overwrites a key (choose another --out)");
        }

        folder.Create();
        using var signing = BorderSigningKey.Generate();
        var hash = BorderHashKey.Generate();
        WriteSecret(paths[0], signing.ToPkcs8Pem());
        File.WriteAllText(paths[1], signing.PublicKey.ToPem());
        WriteSecret(paths[2], hash.ToPem());

        AnsiConsole.MarkupLine($"[green]ok[/] signing key [bold]{signing.KeyId}[/], hash key [bold]{hash.Id}[/] in {Markup.Escape(folder.FullName)}");
        AnsiConsole.MarkupLine($"   {BorderKeyFiles.SigningKey}: private, stays at the centre");
        AnsiConsole.MarkupLine($"   {BorderKeyFiles.PublicKey}: publish it; every post verifies snapshots with it");
        AnsiConsole.MarkupLine($"   {BorderKeyFiles.HashKey}: secret, but every post needs it to look documents up (docs/border-snapshot.md)");
        return ExitCodes.Ok;
    }

    /// <summary>Created readable by the owner only, from the first byte (no window where others can read it).</summary>
    private static void WriteSecret(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.Write(text);
    }
}
