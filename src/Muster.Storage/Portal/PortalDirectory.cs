namespace Muster.Storage.Portal;

/// <summary>Opens the <see cref="IPortalDirectory"/> of a store from the same connection text (sqlite:PATH or postgres:...).</summary>
public static class PortalDirectory
{
    public static Task<IPortalDirectory> OpenAsync(string db, CancellationToken cancellationToken = default) =>
        StoreFactory.OpenBesideAsync<IPortalDirectory>(db, SqlitePortalDirectory.Open, async (target, ct) => await PostgresPortalDirectory.OpenAsync(target, ct), cancellationToken);

    /// <summary>The exclusive upper bound of a prefix range: every text starting with the prefix sorts below it (binary order).</summary>
    internal static string UpperBound(string prefix) => prefix + "\uFFFF";
}
