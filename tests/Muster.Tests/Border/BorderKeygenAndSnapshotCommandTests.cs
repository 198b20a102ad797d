namespace Muster.Tests.Border;

[Collection(ConsoleCollection.Name)]
public sealed class BorderKeygenAndSnapshotCommandTests(BorderFolder folder) : IClassFixture<BorderFolder>
{
    [Fact]
    public void Keygen_writes_the_three_key_files_and_keeps_the_secret_ones_private()
    {
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(Path.Combine(folder.Keys, "signing-key.pem")), StringComparison.Ordinal);
        Assert.Contains("-----BEGIN PUBLIC KEY-----", File.ReadAllText(folder.PublicKey), StringComparison.Ordinal);
        Assert.Contains("-----BEGIN MUSTER BORDER HASH KEY-----", File.ReadAllText(folder.HashKey), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder.Keys, "signing-key.pem")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(folder.HashKey));
        }
    }

    [Fact]
    public async Task Keygen_never_overwrites_a_key()
    {
        var before = await File.ReadAllTextAsync(folder.PublicKey);
        var (code, output) = await CliRun.Muster("border", "keygen", "--out", folder.Keys);
        Assert.Equal(2, code);
        Assert.Contains("never overwrites a key", output, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(folder.PublicKey));
    }

    [Fact]
    public void The_snapshot_of_two_documents_is_144_bytes() =>
        Assert.Equal(120 + (2 * 12), new FileInfo(folder.Snapshot).Length);

    [Fact]
    public async Task A_bad_line_in_the_banned_list_is_named_by_file_and_line()
    {
        var banned = Path.Combine(folder.Root, "bad.txt");
        await File.WriteAllTextAsync(banned, "RUS 751234567\n\nRUS\nUTO L898902C3\n");
        var (code, output) = await CliRun.Muster("border", "snapshot", "--keys", folder.Keys, "--banned", banned, "--out", Path.Combine(folder.Root, "x.bin"));
        Assert.Equal(2, code);
        Assert.Contains("bad.txt:3: expected 'ISSUINGSTATE DOCUMENTNUMBER'", output, StringComparison.Ordinal);

        await File.WriteAllTextAsync(banned, "RUS 75 АБ 1234\n");
        (code, output) = await CliRun.Muster("border", "snapshot", "--keys", folder.Keys, "--banned", banned, "--out", Path.Combine(folder.Root, "x.bin"));
        Assert.Equal(2, code);
        Assert.Contains("bad.txt:1: documentNumber:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_validity_of_zero_hours_is_refused()
    {
        var banned = Path.Combine(folder.Root, "one.txt");
        await File.WriteAllTextAsync(banned, "RUS 1\n");
        var (code, output) = await CliRun.Muster("border", "snapshot", "--keys", folder.Keys, "--banned", banned, "--out", Path.Combine(folder.Root, "y.bin"), "--valid-for", "0");
        Assert.Equal(2, code);
        Assert.Contains("--valid-for", output, StringComparison.Ordinal);
    }
}
