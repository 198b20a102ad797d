namespace Muster.Core.Border.Snapshot;

/// <summary>
/// Makes the signed delta between two snapshots the centre built. The server keeps the snapshots
/// it served in the last day or so (they are ~12 bytes per document) and answers
/// "deltas since version A" with <c>Build(snapshotA, latest, key)</c>; a post that is further behind
/// gets the full snapshot.
/// </summary>
public static class BorderSnapshotDeltaBuilder
{
    /// <summary>
    /// The delta from <paramref name="from"/> to <paramref name="to"/>; it carries <paramref name="to"/>'s
    /// version, instants and the digest of its list. Both must be snapshots signed by
    /// <paramref name="signingKey"/> under the same hash key, <paramref name="to"/> the later version;
    /// otherwise <see cref="ArgumentException"/>.
    /// </summary>
    public static byte[] Build(ReadOnlySpan<byte> from, ReadOnlySpan<byte> to, BorderSigningKey signingKey)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        var a = Read(from, signingKey, nameof(from));
        var b = Read(to, signingKey, nameof(to));
        if (b.Version <= a.Version)
        {
            throw new ArgumentException($"'to' is version {b.Version}, not later than 'from' (version {a.Version})", nameof(to));
        }

        if (!a.HashKeyId.AsSpan().SequenceEqual(b.HashKeyId))
        {
            throw new ArgumentException("the snapshots use different hash keys; posts need a full snapshot after a hash key change", nameof(to));
        }

        var added = Minus(b.Entries, a.Entries);
        var removed = Minus(a.Entries, b.Entries);
        return DeltaCodec.Write(a.Version, b, FieldCodec.Digest(b.Entries), added, removed, signingKey);
    }

    private static SnapshotContents Read(ReadOnlySpan<byte> bytes, BorderSigningKey signingKey, string name)
    {
        var read = SnapshotCodec.Read(bytes, signingKey.PublicKey);
        return read.Value ?? throw new ArgumentException($"not a snapshot signed with key {signingKey.KeyId}: {read.Refusal}", name);
    }

    /// <summary>The entries of sorted <paramref name="left"/> that are not in sorted <paramref name="right"/>.</summary>
    private static HashEntry[] Minus(HashEntry[] left, HashEntry[] right)
    {
        var result = new List<HashEntry>();
        var j = 0;
        foreach (var entry in left)
        {
            while (j < right.Length && right[j] < entry)
            {
                j++;
            }

            if (j == right.Length || right[j] != entry)
            {
                result.Add(entry);
            }
        }

        return [.. result];
    }
}
