using NodaTime;

namespace Muster.Core.Border.Snapshot;

/// <summary>
/// Makes a signed snapshot of the documents whose holders may not leave. Pure apart from the
/// signature's randomness: the server (or an air-gapped centre) passes the list, the instants and the keys.
/// </summary>
public static class BorderSnapshotBuilder
{
    /// <summary>
    /// The snapshot's bytes. <paramref name="banned"/> may repeat a document (a person banned under
    /// two rules); it is listed once. Instants are kept to the millisecond (truncated).
    /// Throws <see cref="ArgumentException"/> naming the entry if a document cannot be normalised
    /// (<see cref="DocumentIdentifier"/>), or if the validity window is empty.
    /// </summary>
    public static byte[] Build(
        long version,
        Instant issuedAt,
        Instant validUntil,
        IEnumerable<(string IssuingState, string DocumentNumber)> banned,
        BorderSigningKey signingKey,
        BorderHashKey hashKey)
    {
        ArgumentNullException.ThrowIfNull(banned);
        ArgumentNullException.ThrowIfNull(signingKey);
        ArgumentNullException.ThrowIfNull(hashKey);
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        issuedAt = Instant.FromUnixTimeMilliseconds(issuedAt.ToUnixTimeMilliseconds());
        validUntil = Instant.FromUnixTimeMilliseconds(validUntil.ToUnixTimeMilliseconds());
        if (validUntil <= issuedAt)
        {
            throw new ArgumentException($"valid-until {validUntil} must be after issued-at {issuedAt}", nameof(validUntil));
        }

        var entries = Hash(banned, hashKey);
        return SnapshotCodec.Write(new SnapshotContents(version, issuedAt, validUntil, signingKey.PublicKey.IdBytes, hashKey.IdBytes, entries), signingKey);
    }

    /// <summary>Sorted, without repeats.</summary>
    private static HashEntry[] Hash(IEnumerable<(string IssuingState, string DocumentNumber)> banned, BorderHashKey hashKey)
    {
        var list = new List<HashEntry>(banned.TryGetNonEnumeratedCount(out var n) ? n : 1024);
        var index = 0;
        foreach (var (state, number) in banned)
        {
            var problem = DocumentIdentifier.Problem(state, number);
            if (problem is not null)
            {
                throw new ArgumentException($"banned[{index}]: {problem}", nameof(banned));
            }

            list.Add(DocumentHash.Compute(hashKey.Key, state, number));
            index++;
        }

        list.Sort();
        var distinct = 0;
        for (var i = 0; i < list.Count; i++)
        {
            if (distinct == 0 || list[distinct - 1] != list[i])
            {
                list[distinct++] = list[i];
            }
        }

        return [.. list.Take(distinct)];
    }
}
