namespace Muster.Core.Border.Snapshot;

/// <summary>Sorted-set arithmetic for deltas: one linear pass, strict about what may be added or removed.</summary>
internal static class EntryMerge
{
    /// <summary>(<paramref name="current"/> minus <paramref name="removed"/>) plus <paramref name="added"/>, all sorted; null and a problem if they do not fit.</summary>
    public static HashEntry[]? Apply(ReadOnlySpan<HashEntry> current, ReadOnlySpan<HashEntry> added, ReadOnlySpan<HashEntry> removed, out string? problem)
    {
        var size = (long)current.Length + added.Length - removed.Length;
        if (size < 0)
        {
            problem = $"it removes {removed.Length} hashes from a list of {current.Length}";
            return null;
        }

        var result = new HashEntry[size];
        int c = 0, a = 0, r = 0, n = 0;
        while (c < current.Length || a < added.Length)
        {
            var takeAdded = c == current.Length || (a < added.Length && added[a] < current[c]);
            if (takeAdded)
            {
                if (n == result.Length)
                {
                    break;
                }

                result[n++] = added[a++];
                continue;
            }

            if (a < added.Length && added[a] == current[c])
            {
                problem = $"it adds {added[a]}, which is already listed";
                return null;
            }

            if (r < removed.Length && removed[r] < current[c])
            {
                problem = $"it removes {removed[r]}, which is not listed";
                return null;
            }

            if (r < removed.Length && removed[r] == current[c])
            {
                r++;
                c++;
                continue;
            }

            if (n == result.Length)
            {
                break;
            }

            result[n++] = current[c++];
        }

        if (r < removed.Length)
        {
            problem = $"it removes {removed[r]}, which is not listed";
            return null;
        }

        if (n != result.Length || c < current.Length || a < added.Length)
        {
            problem = "its counts do not add up";
            return null;
        }

        problem = null;
        return result;
    }
}
