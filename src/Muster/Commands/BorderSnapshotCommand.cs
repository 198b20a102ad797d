using System.CommandLine;
using Muster.Core.Border.Snapshot;
using Muster.Core.Serialization;
using NodaTime;
using Spectre.Console;

namespace Muster.Cli.Commands;

/// <summary>
/// `muster border snapshot --keys DIR --banned FILE --out FILE [--valid-for HOURS] [--version N] [--now INSTANT]`:
/// a signed snapshot from a plain list, for tests and for a centre without a server (air-gapped).
/// </summary>
public static class BorderSnapshotCommand
{
    public static Command Create()
    {
        var keys = new Option<DirectoryInfo>("--keys") { Description = "Folder written by `border keygen`.", Required = true };
        var banned = new Option<FileInfo>("--banned") { Description = "Lines 'ISSUINGSTATE DOCUMENTNUMBER', e.g. 'RUS 75 1234567'; blank lines and lines starting with # are skipped.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Snapshot file to write.", Required = true };
        var validFor = new Option<int>("--valid-for") { Description = "Hours from now until posts refuse the snapshot.", DefaultValueFactory = _ => 24 };
        var version = new Option<long?>("--version") { Description = "Snapshot version number; default: now in Unix seconds, so later snapshots have higher versions." };
        var now = new Option<string?>("--now") { Description = "Issue as of this instant (ISO-8601) instead of the clock." };
        var command = new Command("snapshot", "Build a signed border snapshot from a list of banned documents.") { keys, banned, output, validFor, version, now };
        command.SetAction((parse, _) => CliErrors.Guard(() => Task.FromResult(Run(
            parse.GetValue(keys)!, parse.GetValue(banned)!, parse.GetValue(output)!, parse.GetValue(validFor), parse.GetValue(version), CliTime.Now("--now", parse.GetValue(now), CliTime.Clock)))));
        return command;
    }

    private static int Run(DirectoryInfo keys, FileInfo bannedFile, FileInfo output, int validForHours, long? version, Instant now)
    {
        if (validForHours <= 0)
        {
            throw new CliInputException($"--valid-for: {validForHours} hours; must be at least 1");
        }

        if (version is < 0)
        {
            throw new CliInputException($"--version: {version} is negative");
        }

        using var signing = BorderKeyFiles.ReadSigningKey(Path.Combine(keys.FullName, BorderKeyFiles.SigningKey));
        var hash = BorderKeyFiles.ReadHashKey(Path.Combine(keys.FullName, BorderKeyFiles.HashKey));
        var documents = ReadList(bannedFile);
        var validUntil = now + Duration.FromHours(validForHours);
        var bytes = BorderSnapshotBuilder.Build(version ?? now.ToUnixTimeSeconds(), now, validUntil, documents, signing, hash);

        // Write beside and rename: a post (or a copy job) never sees half a snapshot.
        var temporary = output.FullName + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, output.FullName, overwrite: true);

        AnsiConsole.MarkupLine($"[green]ok[/] {Markup.Escape(output.FullName)}: version {version ?? now.ToUnixTimeSeconds()}, {documents.Count} lines, {(bytes.Length - 120) / 12} documents, {bytes.Length:N0} bytes");
        AnsiConsole.MarkupLine($"   issued {TimeFormats.Format(now)}, valid until {TimeFormats.Format(validUntil)}; signing key {signing.KeyId}, hash key {hash.Id}");
        return ExitCodes.Ok;
    }

    private static List<(string, string)> ReadList(FileInfo file)
    {
        var documents = new List<(string, string)>();
        var number = 0;
        foreach (var raw in File.ReadLines(file.FullName))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var space = line.IndexOfAny([' ', '\t']);
            if (space < 0)
            {
                throw new CliInputException($"{file.Name}:{number}: expected 'ISSUINGSTATE DOCUMENTNUMBER', found '{line}'");
            }

            var (state, document) = (line[..space], line[(space + 1)..]);
            if (DocumentIdentifier.Problem(state, document) is { } problem)
            {
                throw new CliInputException($"{file.Name}:{number}: {problem}");
            }

            documents.Add((state, document));
        }

        return documents;
    }
}
