using Muster.Core.Border.Snapshot;

namespace Muster.Tests.Border;

/// <summary>`muster border check`: exit 0 allow, 1 deny, 2 bad input, 3 snapshot refused.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class BorderCheckCommandTests(BorderFolder folder) : IClassFixture<BorderFolder>
{
    [Fact]
    public async Task A_listed_passport_read_from_its_mrz_is_denied_with_a_reference()
    {
        var (code, output) = await CliRun.Muster(folder.Check("--mrz", BorderFolder.SpecimenMrz, "--now", BorderFolder.DuringValidity));

        Assert.Equal(1, code);
        Assert.Contains("DENY: this document is on the exit-ban list", output, StringComparison.Ordinal);
        Assert.Contains("document   UTO L898902C3", output, StringComparison.Ordinal);
        Assert.Matches(@"reference  100-[0-9a-f]{12}", output);
        Assert.DoesNotContain("ERIKSSON", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_mrz_may_come_as_one_concatenated_line()
    {
        var (code, _) = await CliRun.Muster(folder.Check("--mrz", BorderFolder.SpecimenMrz.Replace("\n", "", StringComparison.Ordinal), "--now", BorderFolder.DuringValidity));
        Assert.Equal(1, code);
    }

    [Fact]
    public async Task A_typed_document_written_as_the_register_writes_it_is_denied()
    {
        var (code, output) = await CliRun.Muster(folder.Check("--document", "75-1234567", "--state", "rus", "--now", BorderFolder.DuringValidity));
        Assert.Equal(1, code);
        Assert.Contains("document   RUS 751234567", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_not_listed_is_allowed_and_a_fresh_list_gives_no_warning()
    {
        var (code, output) = await CliRun.Muster(folder.Check("--document", "751234568", "--state", "RUS", "--now", BorderFolder.DuringValidity));
        Assert.Equal(0, code);
        Assert.Contains("ALLOW: this document is not on the exit-ban list.", output, StringComparison.Ordinal);
        Assert.Contains("issued 2026-03-05T06:00:00Z (10 min ago)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_old_list_still_decides_but_warns_that_recent_bans_are_missing()
    {
        var (code, output) = await CliRun.Muster(folder.Check("--document", "751234568", "--state", "RUS", "--now", "2026-03-05T20:00:00Z"));
        Assert.Equal(0, code);
        Assert.Contains("warning: the list is 14 h 0 min old; bans placed since are not in it.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_snapshot_is_refused_with_exit_3_and_the_officer_is_told_to_call_the_centre()
    {
        var (code, output) = await CliRun.Muster(folder.Check("--mrz", BorderFolder.SpecimenMrz, "--now", BorderFolder.AfterExpiry));
        Assert.Equal(3, code);
        Assert.Contains("NO OFFLINE DECISION", output, StringComparison.Ordinal);
        Assert.Contains("Call the centre", output, StringComparison.Ordinal);
        Assert.Contains("snapshot refused (Expired): the snapshot (version 100) expired at 2026-03-06T06:00:00Z", output, StringComparison.Ordinal);
        Assert.DoesNotContain("DENY", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ALLOW", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_snapshot_with_a_changed_byte_is_refused_for_its_signature()
    {
        var bytes = await File.ReadAllBytesAsync(folder.Snapshot);
        bytes[60] ^= 1;
        var tampered = Path.Combine(folder.Root, "tampered.bin");
        await File.WriteAllBytesAsync(tampered, bytes);

        var (code, output) = await CliRun.Muster("border", "check", "--snapshot", tampered, "--public-key", folder.PublicKey, "--hash-key", folder.HashKey, "--mrz", BorderFolder.SpecimenMrz, "--now", BorderFolder.DuringValidity);

        Assert.Equal(3, code);
        Assert.Contains("snapshot refused (BadSignature)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_snapshot_checked_with_another_centres_key_is_refused()
    {
        var other = Path.Combine(folder.Root, "other-keys");
        await CliRun.Muster("border", "keygen", "--out", other);

        var (code, output) = await CliRun.Muster("border", "check", "--snapshot", folder.Snapshot, "--public-key", Path.Combine(other, "public-key.pem"), "--hash-key", folder.HashKey, "--document", "1", "--state", "RUS", "--now", BorderFolder.DuringValidity);

        Assert.Equal(3, code);
        Assert.Contains("snapshot refused (WrongKey)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_mrz_is_bad_input_naming_the_field()
    {
        var corrupted = BorderFolder.SpecimenMrz.Replace("L898902C36", "L898902C37", StringComparison.Ordinal);
        var (code, output) = await CliRun.Muster(folder.Check("--mrz", corrupted, "--now", BorderFolder.DuringValidity));
        Assert.Equal(2, code);
        Assert.Contains("error: --mrz: documentNumber: check digit", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--document", "75/1234567", "--state", "RUS", "--document: documentNumber")]
    [InlineData("--document", "751234567", "--state", "RUSS", "--state: issuingState")]
    [InlineData("--document", "751234567", "", "", "--state: missing")]
    [InlineData("", "", "", "", "give either --mrz, or --document with --state")]
    public async Task Bad_or_missing_document_options_are_bad_input(string o1, string v1, string o2, string v2, string expected)
    {
        string[] options = [.. new[] { o1, v1, o2, v2 }.Where(s => s.Length > 0)];
        var (code, output) = await CliRun.Muster(folder.Check([.. options, "--now", BorderFolder.DuringValidity]));
        Assert.Equal(2, code);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_an_mrz_and_a_typed_document_are_bad_input()
    {
        var (code, _) = await CliRun.Muster(folder.Check("--mrz", BorderFolder.SpecimenMrz, "--document", "1", "--state", "RUS"));
        Assert.Equal(2, code);
    }

    [Fact]
    public async Task A_missing_snapshot_file_and_an_unknown_option_are_bad_input_not_a_denial()
    {
        Assert.Equal(2, (await CliRun.Muster("border", "check", "--snapshot", Path.Combine(folder.Root, "nope.bin"), "--public-key", folder.PublicKey, "--hash-key", folder.HashKey, "--document", "1", "--state", "RUS")).ExitCode);
        var (code, output) = await CliRun.Muster(folder.Check("--documnet", "1"));
        Assert.Equal(2, code);
        Assert.Contains("see: muster border check --help", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_garbage_key_file_is_bad_input_naming_the_file()
    {
        var garbage = Path.Combine(folder.Root, "garbage.pem");
        await File.WriteAllTextAsync(garbage, "hello");
        var (code, output) = await CliRun.Muster("border", "check", "--snapshot", folder.Snapshot, "--public-key", garbage, "--hash-key", folder.HashKey, "--document", "1", "--state", "RUS");
        Assert.Equal(2, code);
        Assert.Contains("garbage.pem: not a PEM public key", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delta_brings_a_new_ban_and_a_delta_for_another_base_is_refused()
    {
        var banned = Path.Combine(folder.Root, "banned-101.txt");
        await File.WriteAllTextAsync(banned, "UTO L898902C3\nRUS 4512345678\n");
        var later = Path.Combine(folder.Root, "snapshot-101.bin");
        var delta = Path.Combine(folder.Root, "delta-100-101.bin");
        Assert.Equal(0, (await CliRun.Muster("border", "snapshot", "--keys", folder.Keys, "--banned", banned, "--out", later, "--now", "2026-03-05T06:05:00Z", "--version", "101")).ExitCode);
        Assert.Equal(0, (await CliRun.Muster("border", "delta", "--keys", folder.Keys, "--from", folder.Snapshot, "--to", later, "--out", delta)).ExitCode);

        Assert.Equal(1, (await CliRun.Muster(folder.Check("--delta", delta, "--document", "4512345678", "--state", "RUS", "--now", BorderFolder.DuringValidity))).ExitCode);
        Assert.Equal(0, (await CliRun.Muster(folder.Check("--delta", delta, "--document", "751234567", "--state", "RUS", "--now", BorderFolder.DuringValidity))).ExitCode);

        var (code, output) = await CliRun.Muster("border", "check", "--snapshot", later, "--public-key", folder.PublicKey, "--hash-key", folder.HashKey, "--delta", delta, "--document", "1", "--state", "RUS", "--now", BorderFolder.DuringValidity);
        Assert.Equal(3, code);
        Assert.Contains($"snapshot refused ({SnapshotRefusalReason.WrongBase})", output, StringComparison.Ordinal);
    }
}
