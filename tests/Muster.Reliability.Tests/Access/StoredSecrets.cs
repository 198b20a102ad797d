using System.Buffers.Binary;
using System.Text;
using Microsoft.Data.Sqlite;
using Muster.Cli.Server.Auth;
using Xunit.Abstractions;

namespace Muster.Reliability.Tests.Access;

/// <summary>
/// What a stolen database gives away. Every byte of the SQLite files (the database and its write-ahead
/// log) is searched for the API keys and a password: none is there. API keys are kept as their SHA-256
/// only — unsalted on purpose: a key is 256 random bits, there is nothing to guess (docs/security.md).
/// Passwords are kept as PBKDF2 hashes with a random salt each: two accounts with the same password have
/// different hashes, each in the format that names its parameters.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed class StoredSecrets(SqliteApiServer api, ITestOutputHelper output)
{
    private const string Password = "the-same-password-1";

    [Fact]
    public async Task Keys_and_passwords_are_stored_only_as_hashes_and_passwords_with_a_salt_each()
    {
        await PortalSession.CreateUserAsync(api.Db, "twin-a", Password, "--role", "auditor");
        await PortalSession.CreateUserAsync(api.Db, "twin-b", Password, "--role", "auditor");
        var keys = ApiServer.Callers.Where(c => c != "anonymous").Select(api.Key).ToList();
        var path = api.Db["sqlite:".Length..];
        var bytes = Files(path).SelectMany(File.ReadAllBytes).ToArray();
        foreach (var secret in keys.SelectMany(k => new[] { k, k[ApiKeys.Prefix.Length..] }).Append(Password))
        {
            Assert.True(IndexOf(bytes, Encoding.UTF8.GetBytes(secret)) < 0 && IndexOf(bytes, Encoding.Unicode.GetBytes(secret)) < 0, $"a secret is in the database files in clear: {secret[..6]}…");
        }

        await using var db = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        var stored = await ColumnAsync(db, "SELECT hash FROM api_keys");
        Assert.All(keys, k => Assert.Contains(ApiKeys.Hash(k), stored));
        Assert.All(stored, h => Assert.Matches("^[0-9a-f]{64}$", h));

        var hashes = await ColumnAsync(db, "SELECT password_hash FROM portal_users WHERE username IN ('twin-a', 'twin-b') ORDER BY username");
        Assert.Equal(2, hashes.Count);
        Assert.NotEqual(hashes[0], hashes[1]);
        var formats = hashes.Select(h => Convert.FromBase64String(h)).Select(h => (Version: h[0], Prf: BinaryPrimitives.ReadUInt32BigEndian(h.AsSpan(1)),
            Iterations: BinaryPrimitives.ReadUInt32BigEndian(h.AsSpan(5)), Salt: h.AsSpan(13, (int)BinaryPrimitives.ReadUInt32BigEndian(h.AsSpan(9))).ToArray())).ToList();
        Assert.All(formats, f => Assert.True(f.Version == 1 && f.Prf == 2 && f.Iterations >= 100_000 && f.Salt.Length >= 16, $"not PBKDF2-HMAC-SHA512 with a 128-bit salt: {f}"));
        Assert.NotEqual(formats[0].Salt, formats[1].Salt);
        Assert.All(hashes, h => Assert.True(Muster.Cli.Portal.Auth.Passwords.Verify("x", h, Password)));
        Figures.Report(output, "access-stored-secrets",
            $"{Files(path).Count()} database files, {bytes.Length / 1024} KB searched for {keys.Count} API keys and a password: not found; keys as SHA-256 (hex, 256-bit random keys), " +
            $"passwords as PBKDF2-HMAC-SHA512 ({formats[0].Iterations} iterations, {formats[0].Salt.Length * 8}-bit salt each; the same password, two different hashes)");
    }

    private static IEnumerable<string> Files(string path) => new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists);

    private static async Task<List<string>> ColumnAsync(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
