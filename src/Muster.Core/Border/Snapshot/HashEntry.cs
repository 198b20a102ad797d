using System.Buffers.Binary;

namespace Muster.Core.Border.Snapshot;

/// <summary>
/// One list entry: the first 12 bytes of HMAC-SHA256(hash key, "STATE|NUMBER"), held as two
/// big-endian integers so that comparing them is comparing the bytes in order.
/// </summary>
internal readonly record struct HashEntry(ulong High, uint Low) : IComparable<HashEntry>
{
    public const int Size = 12;

    public static HashEntry Read(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(source), BinaryPrimitives.ReadUInt32BigEndian(source[8..]));

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Low);
    }

    public int CompareTo(HashEntry other)
    {
        var high = High.CompareTo(other.High);
        return high != 0 ? high : Low.CompareTo(other.Low);
    }

    public static bool operator <(HashEntry left, HashEntry right) => left.CompareTo(right) < 0;

    public static bool operator >(HashEntry left, HashEntry right) => left.CompareTo(right) > 0;

    public static bool operator <=(HashEntry left, HashEntry right) => left.CompareTo(right) <= 0;

    public static bool operator >=(HashEntry left, HashEntry right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{High:x16}{Low:x8}";
}
