namespace Muster.Core.Evaluation;

/// <summary>A total order on intervals, so results never depend on the order facts came in.</summary>
internal sealed class IntervalOrder : IComparer<RestrictionInterval>
{
    public static readonly IntervalOrder Instance = new();

    /// <summary>
    /// Sorts in place. Results hold a handful of items, so insertion sort is as fast as any and,
    /// unlike Array.Sort with a comparer, allocates nothing (that wraps the comparer in a delegate).
    /// </summary>
    public static void Sort(RestrictionInterval[] items)
    {
        for (var i = 1; i < items.Length; i++)
        {
            var item = items[i];
            var j = i - 1;
            while (j >= 0 && Instance.Compare(items[j], item) > 0)
            {
                items[j + 1] = items[j];
                j--;
            }

            items[j + 1] = item;
        }
    }

    public int Compare(RestrictionInterval? x, RestrictionInterval? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var c = x.Start.CompareTo(y.Start);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(x.Code, y.Code);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(x.SummonsId, y.SummonsId);
        return c != 0 ? c : string.CompareOrdinal(x.Rule.Id, y.Rule.Id);
    }
}
