using System.IO.MemoryMappedFiles;

namespace Muster.Cli.Server.Register;

/// <summary>
/// An append-only file written through a shared memory mapping: an append is a copy into the page
/// cache, with no system call and no inode update, and once it returns it is as durable against the
/// process dying as a write(2) (neither survives the machine losing power before the kernel writes the
/// pages back, which is also true of the store's synchronous=NORMAL commits).
/// <para>Space is reserved before it is mapped (fallocate through FileStream's preallocation; zeros
/// written when the file grows), so a full disk is an <see cref="IOException"/> when space is reserved,
/// never a SIGBUS on a store into the mapping. Past <see cref="Length"/> the file holds zeros: readers
/// go by the offsets the writer reports, or by the last newline (<see cref="AccessJournal"/>).</para>
/// <para>Not thread-safe: the owner serializes appends.</para>
/// </summary>
public sealed class JournalFile : IDisposable
{
    private const int ZeroChunk = 1 << 20;

    /// <summary>The most a growth reserves at once: zeros are written on the appending thread, so a step stays a few milliseconds.</summary>
    private const long MaxGrowth = 4L << 20;
    private readonly FileStream _stream;
    private MemoryMappedFile _map;
    private MemoryMappedViewAccessor _view;
    private long _capacity;

    private JournalFile(FileStream stream, long capacity)
    {
        _stream = stream;
        _capacity = capacity;
        (_map, _view) = Map(stream, capacity);
    }

    /// <summary>Bytes appended so far; the file beyond them is reserved zeros.</summary>
    public long Length { get; private set; }

    /// <summary>
    /// Creates the file with <paramref name="capacity"/> bytes reserved. The handle holds a shared lock
    /// (FileShare.Read) for as long as the file is open: another process's exclusive open fails.
    /// </summary>
    public static JournalFile Create(string path, long capacity)
    {
        var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.Read,
            BufferSize = 0,
            PreallocationSize = capacity,
        });
        try
        {
            return new JournalFile(stream, capacity);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Copies <paramref name="bytes"/> after what is there; grows the file (reserving space first) when they do not fit.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > _capacity)
        {
            Grow(Length + bytes.Length);
        }

        _view.SafeMemoryMappedViewHandle.WriteSpan((ulong)(_view.PointerOffset + Length), bytes);
        Length += bytes.Length;
    }

    private void Grow(long needed)
    {
        var capacity = Math.Max(_capacity + Math.Clamp(_capacity, ZeroChunk, MaxGrowth), needed);
        // Real blocks before the mapping covers them: on a full disk this throws, and the old mapping stays as it was.
        var zeros = new byte[ZeroChunk];
        for (var offset = _capacity; offset < capacity; offset += ZeroChunk)
        {
            RandomAccess.Write(_stream.SafeFileHandle, zeros.AsSpan(0, (int)Math.Min(ZeroChunk, capacity - offset)), offset);
        }

        _view.Dispose();
        _map.Dispose();
        (_map, _view) = Map(_stream, capacity);
        _capacity = capacity;
    }

    private static (MemoryMappedFile Map, MemoryMappedViewAccessor View) Map(FileStream stream, long capacity)
    {
        var map = MemoryMappedFile.CreateFromFile(stream, mapName: null, capacity, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: true);
        try
        {
            return (map, map.CreateViewAccessor(0, capacity, MemoryMappedFileAccess.ReadWrite));
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _view.Dispose();
        _map.Dispose();
        _stream.Dispose();
    }
}
