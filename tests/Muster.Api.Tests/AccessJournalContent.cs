using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Muster.Api.Tests.Support;
using Muster.Storage;
using Muster.Storage.Api;
using Muster.Storage.Audit;
using NodaTime;
using Journal = Muster.Cli.Server.Register.AccessJournal;

namespace Muster.Api.Tests;

/// <summary>
/// The journal's lines are moved into the access log as they are, without being parsed and written
/// again: so the content the chain hash covers must be byte for byte what the access log writes for
/// the same record (<see cref="AccessContent.Serialize"/>), whatever the record holds — and journals
/// written before, in JSON's default escaping, must still move to that same canonical text.
/// </summary>
public sealed class AccessJournalContent
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 1, 9, 30, 15) + Duration.FromMilliseconds(250);

    private static readonly AccessEntry[] Entries =
    [
        new("key:k-0123456789ab", "p-own", "POST /api/border/checks BC-23456789ABCD: deny", At),
        new("user:иванов", "p-other", "GET /api/persons/p-other: карточка — проверка", At + Duration.FromSeconds(1)),
        new("key:k-1", "p-own", "quotes \" backslash \\ tab \t <html> & 'x' \u2028 line separator", At + Duration.FromSeconds(2)),
        new("key:k-2", "p-own", "emoji 🛂 and a control \u0001 character", At + Duration.FromTicks(1)),
        new("key:k-3", "p-own", "whole second", Instant.FromUtc(2026, 3, 1, 0, 0, 0)),
    ];

    [Fact]
    public async Task Records_moved_from_a_journal_are_byte_for_byte_the_access_logs_own_content_and_verify()
    {
        var folder = Directory.CreateTempSubdirectory("muster-journal-content-");
        try
        {
            var path = Path.Combine(folder.FullName, "muster.db");
            var db = "sqlite:" + path;
            await StoreFactory.MigrateAsync(db);
            await using (var directory = await RegisterDirectory.OpenAsync(db))
            {
                // A journal left by a process that wrote lines in the default escaping (every non-ASCII character as \uXXXX).
                await File.WriteAllTextAsync(path + ".access-0123456789ab.journal", string.Concat(Entries.Select(e => DefaultEscaped(e) + "\n")));
                var journal = Journal.Open(directory, path);
                await using (journal)
                {
                    foreach (var entry in Entries)
                    {
                        journal.Append(entry);
                    }

                    foreach (var line in JournalLines(path))
                    {
                        // What this process writes: plain lines carry their own text as the content; lines with escapes leave it to the store.
                        var read = AccessLines.Read(Encoding.UTF8.GetBytes(line));
                        Assert.Equal(line.Contains('\\', StringComparison.Ordinal) ? null : line, read.Content);
                        Assert.Equal(AccessContent.Serialize(read.Official, read.PersonId, read.Purpose, read.At), line);
                    }

                    await journal.MoveAsync(CancellationToken.None);
                    Assert.Equal(1, await journal.AdoptOrphansAsync(CancellationToken.None));
                }
            }

            var expected = Entries.Concat(Entries).Select(e => AccessContent.Serialize(e.Official, e.PersonId, e.Purpose, e.At)).ToList();
            var stored = StoredContent(path);
            Assert.Equal(expected.Count, stored.Count);
            Assert.Equal(expected.ToHashSet(), stored.ToHashSet()); // this node's and the orphan's, in either order
            var verify = await MusterCommand.ExitAsync("audit", "verify", "--db", db);
            Assert.True(verify.ExitCode == 0, verify.All);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static string DefaultEscaped(AccessEntry e) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["official"] = e.Official, ["personId"] = e.PersonId, ["purpose"] = e.Purpose, ["at"] = Muster.Core.Serialization.TimeFormats.Format(e.At),
    });

    private static IEnumerable<string> JournalLines(string path)
    {
        var own = Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ".access-*.journal").Single(f => !f.EndsWith("0123456789ab.journal", StringComparison.Ordinal));
        using var reader = new FileStream(own, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var text = new StreamReader(reader, Encoding.UTF8);
        // Past its records, a journal holds the zeros of the space reserved for more (JournalFile).
        return text.ReadToEnd().TrimEnd('\0').Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static List<string> StoredContent(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT content FROM access_log ORDER BY seq";
        using var reader = command.ExecuteReader();
        var contents = new List<string>();
        while (reader.Read())
        {
            contents.Add(reader.GetString(0));
        }

        return contents;
    }
}
