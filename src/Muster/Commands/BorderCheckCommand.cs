using System.CommandLine;
using Muster.Core.Border;
using Muster.Core.Border.Snapshot;
using Muster.Core.Serialization;
using NodaTime;
using Spectre.Console;

namespace Muster.Cli.Commands;

/// <summary>
/// `muster border check --snapshot FILE --public-key FILE --hash-key FILE (--mrz TEXT | --document NUMBER --state XXX)
/// [--delta FILE...] [--now INSTANT]`: decides offline whether a document's holder may leave.
/// Exit 0 allow, 1 deny, 2 bad input, 3 snapshot refused (then nobody may be decided offline).
/// </summary>
public static class BorderCheckCommand
{
    /// <summary>With deltas every few minutes, a list this old means updates have stopped arriving; the officer should know.</summary>
    private static readonly Duration AgeWarning = Duration.FromMinutes(30);

    public static Command Create()
    {
        var snapshot = new Option<FileInfo>("--snapshot") { Description = "The post's snapshot file.", Required = true };
        var deltas = new Option<FileInfo[]>("--delta") { Description = "Deltas to apply to the snapshot, oldest first.", AllowMultipleArgumentsPerToken = true };
        var publicKey = new Option<FileInfo>("--public-key") { Description = "The centre's published public key (public-key.pem).", Required = true };
        var hashKey = new Option<FileInfo>("--hash-key") { Description = "The hash key (hash-key.pem).", Required = true };
        var mrz = new Option<string?>("--mrz") { Description = "The machine-readable zone as the reader sends it: lines separated by newlines, or concatenated." };
        var document = new Option<string?>("--document") { Description = "Document number typed by the officer (with --state)." };
        var state = new Option<string?>("--state") { Description = "Issuing state, ICAO code such as RUS (with --document)." };
        var now = new Option<string?>("--now") { Description = "Decide as of this instant (ISO-8601) instead of the clock." };
        var command = new Command("check", "Decide offline from a signed snapshot whether a document's holder may leave.") { snapshot, deltas, publicKey, hashKey, mrz, document, state, now };
        command.SetAction((parse, _) => CliErrors.Guard(() => Task.FromResult(Run(
            new Request(parse.GetValue(snapshot)!, parse.GetValue(deltas) ?? [], parse.GetValue(publicKey)!, parse.GetValue(hashKey)!, parse.GetValue(mrz), parse.GetValue(document), parse.GetValue(state)),
            CliTime.Now("--now", parse.GetValue(now), CliTime.Clock)))));
        return command;
    }

    private sealed record Request(FileInfo Snapshot, FileInfo[] Deltas, FileInfo PublicKey, FileInfo HashKey, string? Mrz, string? Document, string? State);

    private static int Run(Request request, Instant now)
    {
        var (issuingState, documentNumber) = Identify(request, now);
        var publicKey = BorderKeyFiles.ReadPublicKey(request.PublicKey.FullName);
        var hashKey = BorderKeyFiles.ReadHashKey(request.HashKey.FullName);
        var loaded = BorderSnapshot.Load(ReadCapped(request.Snapshot), publicKey, hashKey, now);
        foreach (var file in request.Deltas)
        {
            if (loaded.Value is not { } current)
            {
                break;
            }

            var delta = BorderSnapshotDelta.Load(ReadCapped(file), publicKey, now);
            loaded = delta.Value is { } d
                ? current.Apply(d)
                : SnapshotResult<BorderSnapshot>.Refused(delta.Refusal!.Reason, $"{file.Name}: {delta.Refusal.Message}");
        }

        if (loaded.Value is not { } snapshot)
        {
            return Refuse(loaded.Refusal!);
        }

        var banned = snapshot.IsBanned(issuingState, documentNumber);
        var reference = snapshot.Reference(issuingState, documentNumber);
        AnsiConsole.Write(new FigletText(banned ? "DENY" : "ALLOW").Color(banned ? Color.Red : Color.Green));
        AnsiConsole.MarkupLine(banned
            ? "[bold red]DENY[/]: this document is on the exit-ban list; its holder may not leave."
            : "[bold green]ALLOW[/]: this document is not on the exit-ban list.");
        AnsiConsole.MarkupLine($"document   {Markup.Escape(DocumentIdentifier.Normalize(issuingState, documentNumber).Replace('|', ' '))}");
        AnsiConsole.MarkupLine($"reference  [bold]{reference}[/]");
        var age = now - snapshot.IssuedAt;
        AnsiConsole.MarkupLine($"[grey]snapshot   version {snapshot.Version}, issued {TimeFormats.Format(snapshot.IssuedAt)} ({Age(age)} ago), valid until {TimeFormats.Format(snapshot.ValidUntil)}, {snapshot.Count:N0} documents[/]");
        if (age > AgeWarning)
        {
            AnsiConsole.MarkupLine($"[yellow]warning:[/] the list is {Age(age)} old; bans placed since are not in it. The post should refresh (docs/border-snapshot.md).");
        }

        return banned ? ExitCodes.Denied : ExitCodes.Ok;
    }

    /// <summary>The document from the MRZ or from what the officer typed; exactly one of the two.</summary>
    private static (string State, string Number) Identify(Request request, Instant now)
    {
        var typed = request.Document is not null || request.State is not null;
        if (request.Mrz is not null == typed)
        {
            throw new CliInputException("give either --mrz, or --document with --state");
        }

        if (request.Mrz is { } text)
        {
            // Only the number and the state are used; the date just resolves two-digit years.
            var parsed = MrzParser.Parse(text, now.InUtc().Date);
            return parsed.Mrz is { } mrz
                ? (mrz.IssuingState, mrz.DocumentNumber)
                : throw new CliInputException("--mrz: " + string.Join("; ", parsed.Problems));
        }

        if (request.Document is null || request.State is null)
        {
            throw new CliInputException(request.Document is null ? "--document: missing (--state needs it)" : "--state: missing (--document needs it)");
        }

        return DocumentIdentifier.Problem(request.State, request.Document) is { } problem
            ? throw new CliInputException(problem.StartsWith("issuingState", StringComparison.Ordinal) ? "--state: " + problem : "--document: " + problem)
            : (request.State, request.Document);
    }

    private static int Refuse(SnapshotRefusal refusal)
    {
        AnsiConsole.Write(new Panel(new Markup(
            $"[bold yellow]NO OFFLINE DECISION[/]\n{Markup.Escape(refusal.Message)}\n\nThis post cannot decide from its list. Call the centre for this traveller."))
            .Header("snapshot refused: " + refusal.Reason)
            .BorderColor(Color.Yellow));
        return CliErrors.Fail($"snapshot refused ({refusal.Reason}): {refusal.Message}", ExitCodes.CheckFailed);
    }

    /// <summary>A snapshot of every liable person would be ~400 MB; anything over 1 GiB is not ours.</summary>
    private static byte[] ReadCapped(FileInfo file)
    {
        const long cap = 1L << 30;
        return file.Exists && file.Length > cap
            ? throw new CliInputException($"{file.FullName}: {file.Length:N0} bytes is too large for a border snapshot")
            : File.ReadAllBytes(file.FullName);
    }

    private static string Age(Duration age) =>
        age < Duration.Zero ? "0 min" : age.TotalHours >= 1 ? $"{(int)age.TotalHours} h {age.Minutes} min" : $"{(int)age.TotalMinutes} min";
}
