using System.Buffers;
using System.Text.Json;
using Muster.Core.Serialization;
using Muster.Storage;
using Muster.Storage.Api;

namespace Muster.Cli.Server.Register;

/// <summary>
/// The access log's durable queue on a SQLite deployment. An official's read is answered once its
/// record is copied into this process's journal file beside the database, through a memory mapping
/// (<see cref="JournalFile"/>): as durable against the process dying as the store's own commits
/// (synchronous=NORMAL), on the reader's own thread, with no system call. <see cref="MoveAsync"/> moves
/// the records into the hash-chained access log in large batches, writing how far it got in the same
/// transaction, so a crash never moves a record twice or loses one.
/// <para>Each process has a journal of its own (DB.access-RANDOM.journal), held with a lock. A journal
/// nobody holds belonged to a process that died: <see cref="AdoptOrphansAsync"/> moves what is left of
/// it and deletes it (at start-up, and every few seconds while running, for the other nodes on the file).
/// A record is in the access log within <see cref="ServerOptions.AccessJournalMoveMilliseconds"/>; whoever
/// reads the access log through this node first moves this node's journal, so it reads its own records.</para>
/// </summary>
public sealed class AccessJournal : IAsyncDisposable
{
    private const string Suffix = ".journal";
    private const long RotateAtBytes = 8L << 20;

    /// <summary>Reserved for each journal file when it starts (seconds of border checks); it grows as records wait to be moved.</summary>
    private const long Capacity = 1L << 20;
    private readonly IRegisterDirectory _directory;
    private readonly string _prefix;
    private readonly Lock _writeLock = new();
    private readonly SemaphoreSlim _moveGate = new(1, 1);
    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Json)? t_line;
    private JournalFile _file;
    private string _name;
    private long _written;
    private long _moved;

    private AccessJournal(IRegisterDirectory directory, string prefix, JournalFile file, string name)
    {
        _directory = directory;
        _prefix = prefix;
        _file = file;
        _name = name;
    }

    /// <summary>Opens a journal of this process's own beside the SQLite file at <paramref name="databasePath"/>.</summary>
    public static AccessJournal Open(IRegisterDirectory directory, string databasePath)
    {
        var prefix = Path.GetFullPath(databasePath) + ".access-";
        var (file, name) = Create(prefix);
        return new AccessJournal(directory, prefix, file, name);
    }

    /// <summary>Records written to the journal and not yet moved into the access log.</summary>
    public long PendingBytes => Interlocked.Read(ref _written) - Interlocked.Read(ref _moved);

    /// <summary>
    /// Copies the record into the journal; once this returns it is durable (see <see cref="JournalFile"/>).
    /// Throws <see cref="StoreException"/> when the disk has no room for the journal to grow.
    /// </summary>
    public void Append(AccessEntry entry)
    {
        var line = Format(entry);
        lock (_writeLock)
        {
            try
            {
                _file.Append(line);
            }
            catch (IOException e)
            {
                throw new StoreException($"access journal: {e.Message}", e) { Failure = IsDiskFull(e) ? StoreFailure.OutOfSpace : StoreFailure.Unavailable };
            }

            Interlocked.Exchange(ref _written, _file.Length);
        }
    }

    /// <summary>Moves what this process's journal holds into the access log; rotates a large, fully moved journal.</summary>
    public async Task MoveAsync(CancellationToken cancellationToken)
    {
        await _moveGate.WaitAsync(cancellationToken);
        try
        {
            var through = Interlocked.Read(ref _written);
            if (through > _moved)
            {
                List<AccessEntry> entries;
                using (var reader = new FileStream(_name, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
                {
                    entries = ReadEntries(reader, _moved, through);
                }

                await _directory.RecordAccessAsync(entries, new JournalProgress(Path.GetFileName(_name), through), cancellationToken);
                Storage.MusterMetrics.AccessRecorded(entries.Count);
                Interlocked.Exchange(ref _moved, through);
            }

            if (_moved >= RotateAtBytes)
            {
                await RotateAsync(cancellationToken);
            }
        }
        finally
        {
            _moveGate.Release();
        }
    }

    /// <summary>Moves and deletes the journals of processes that died (nobody holds their lock).</summary>
    public async Task<int> AdoptOrphansAsync(CancellationToken cancellationToken)
    {
        var adopted = 0;
        var folder = Path.GetDirectoryName(_prefix)!;
        foreach (var path in Directory.EnumerateFiles(folder, Path.GetFileName(_prefix) + "*" + Suffix))
        {
            if (path == _name)
            {
                continue;
            }

            FileStream orphan;
            try
            {
                orphan = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                continue; // a live process holds it (or it is gone already)
            }

            try
            {
                await AdoptAsync(orphan, path, cancellationToken);
            }
            catch (IOException)
            {
                continue; // unreadable now (a disk error): left for the next round, never half-moved
            }

            adopted++;
        }

        return adopted;
    }

    /// <summary>Moves what an orphan journal holds past its recorded progress, then deletes and forgets it.</summary>
    private async Task AdoptAsync(FileStream orphan, string path, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        await using (orphan)
        {
            var from = await _directory.JournalMovedThroughAsync(name, cancellationToken);
            var end = LastCompleteLine(orphan, from);
            if (end > from)
            {
                var entries = ReadEntries(orphan, from, end);
                await _directory.RecordAccessAsync(entries, new JournalProgress(name, end), cancellationToken);
                Storage.MusterMetrics.AccessRecorded(entries.Count);
            }

            File.Delete(path);
        }

        await _directory.ForgetJournalAsync(name, cancellationToken);
    }

    /// <summary>Moves what is left and deletes this process's journal: nothing is left behind on a clean stop.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await MoveAsync(CancellationToken.None);
            lock (_writeLock)
            {
                _file.Dispose();
            }

            File.Delete(_name);
            await _directory.ForgetJournalAsync(Path.GetFileName(_name), CancellationToken.None);
        }
        catch (Exception e) when (e is StoreException or IOException)
        {
            // The store is down (or the disk failed): the journal stays, and the next process on this database adopts it.
            lock (_writeLock)
            {
                _file.Dispose();
            }
        }

        _moveGate.Dispose();
    }

    /// <summary>Starts a new journal file once the old one is moved (called with the move gate held).</summary>
    private async Task RotateAsync(CancellationToken cancellationToken)
    {
        string old;
        lock (_writeLock)
        {
            if (Interlocked.Read(ref _written) != _moved)
            {
                return; // records arrived since the move; rotate after the next one
            }

            var (file, name) = Create(_prefix);
            _file.Dispose();
            (_file, old, _name) = (file, _name, name);
            Interlocked.Exchange(ref _written, 0);
            Interlocked.Exchange(ref _moved, 0);
        }

        File.Delete(old);
        await _directory.ForgetJournalAsync(Path.GetFileName(old), cancellationToken);
    }

    private static (JournalFile File, string Name) Create(string prefix)
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..12] + Suffix;
        // The file's shared lock makes an adopter's exclusive open fail while this process lives.
        return (JournalFile.Create(name, Capacity), name);
    }

    /// <summary>
    /// One record as a line of JSON, in this thread's buffer (valid until its next call). The access
    /// log's own writer options: each line is then the record's canonical text, which the move hands through as it is.
    /// </summary>
    private static ReadOnlySpan<byte> Format(AccessEntry entry)
    {
        var (buffer, json) = t_line ??= (new ArrayBufferWriter<byte>(256), new Utf8JsonWriter(Stream.Null, AccessLines.WriterOptions));
        buffer.ResetWrittenCount();
        json.Reset(buffer);
        AccessLines.Write(json, entry.Official, entry.PersonId, entry.Purpose, entry.At);
        json.Flush();
        buffer.Write("\n"u8);
        return buffer.WrittenSpan;
    }

    /// <summary>
    /// The records between two byte offsets that end lines; a line that does not parse is a bug, not a torn write.
    /// A canonical line (what this process writes, unless a value holds a character JSON escapes) carries its own text as the record's content (<see cref="AccessLines.Read"/>).
    /// </summary>
    private static List<AccessEntry> ReadEntries(FileStream file, long from, long to)
    {
        var bytes = new byte[to - from];
        file.Position = from;
        file.ReadExactly(bytes);

        var entries = new List<AccessEntry>();
        foreach (var range in bytes.AsSpan().Split((byte)'\n'))
        {
            var line = bytes.AsSpan(range);
            if (!line.IsEmpty)
            {
                entries.Add(AccessLines.Read(line));
            }
        }

        return entries;
    }

    /// <summary>The offset after the last newline at or after <paramref name="from"/>: a process killed mid-write leaves a torn line, never answered.</summary>
    private static long LastCompleteLine(FileStream file, long from)
    {
        var length = file.Length;
        if (length <= from)
        {
            return from;
        }

        var bytes = new byte[length - from];
        file.Position = from;
        file.ReadExactly(bytes);
        var last = bytes.AsSpan().LastIndexOf((byte)'\n');
        return last < 0 ? from : from + last + 1;
    }

    private static bool IsDiskFull(IOException e) =>
        e.HResult == 28 || (e.HResult & 0xFFFF) == 112 || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase);
}
