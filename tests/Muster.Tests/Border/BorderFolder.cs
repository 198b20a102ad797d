namespace Muster.Tests.Border;

/// <summary>A throwaway folder with centre keys, a banned list and a snapshot issued 2026-03-05T06:00Z, valid 24 h, version 100.</summary>
public sealed class BorderFolder : IAsyncLifetime
{
    public const string IssuedAt = "2026-03-05T06:00:00Z";
    public const string DuringValidity = "2026-03-05T06:10:00Z";
    public const string AfterExpiry = "2026-03-06T06:00:00Z";

    /// <summary>ICAO Doc 9303 part 4 specimen (TD3), document L898902C3 of Utopia.</summary>
    public const string SpecimenMrz = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";

    public string Root { get; } = Directory.CreateTempSubdirectory("muster-border-").FullName;

    public string Keys => Path.Combine(Root, "keys");

    public string Snapshot => Path.Combine(Root, "snapshot.bin");

    public string PublicKey => Path.Combine(Keys, "public-key.pem");

    public string HashKey => Path.Combine(Keys, "hash-key.pem");

    public string[] Check(params string[] rest) =>
        ["border", "check", "--snapshot", Snapshot, "--public-key", PublicKey, "--hash-key", HashKey, .. rest];

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await CliRun.Muster("border", "keygen", "--out", Keys)).ExitCode);
        var banned = Path.Combine(Root, "banned.txt");
        await File.WriteAllTextAsync(banned, "# state number\nUTO L898902C3\nRUS 75 1234567\n");
        var (code, output) = await CliRun.Muster("border", "snapshot", "--keys", Keys, "--banned", banned, "--out", Snapshot, "--now", IssuedAt, "--version", "100");
        Assert.True(code == 0, output);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}
