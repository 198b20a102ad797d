namespace Muster.Storage.Portal;

/// <summary>Opens the <see cref="IPortalDirectory"/> of a store from the same connection text (sqlite:PATH or postgres:...).</summary>
public static class PortalDirectory
{
    public static async Task<IPortalDirectory> OpenAsync(string db, CancellationToken cancellationToken = default)
    {
        var (engine, target) = StoreFactory.Parse(db);
        try
        {
            return engine == "sqlite"
                ? SqlitePortalDirectory.Open(target)
                : await PostgresPortalDirectory.OpenAsync(target, cancellationToken);
        }
        catch (Exception e) when (StoreErrors.Translate(engine, e) is var translated && !ReferenceEquals(translated, e))
        {
            throw translated;
        }
    }

    /// <summary>The exclusive upper bound of a prefix range: every text starting with the prefix sorts below it (binary order).</summary>
    internal static string UpperBound(string prefix) => prefix + "\uFFFF";
}
