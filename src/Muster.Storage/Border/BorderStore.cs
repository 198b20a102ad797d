namespace Muster.Storage.Border;

/// <summary>Opens the <see cref="IBorderStore"/> of a store from the same connection text (sqlite:PATH or postgres:...).</summary>
public static class BorderStore
{
    public static Task<IBorderStore> OpenAsync(string db, CancellationToken cancellationToken = default) =>
        StoreFactory.OpenBesideAsync<IBorderStore>(db, SqliteBorderStore.Open, async (target, ct) => await PostgresBorderStore.OpenAsync(target, ct), cancellationToken);

    /// <summary>Drops every version older than the newest <c>$1</c> (both engines).</summary>
    internal const string PruneSql =
        "DELETE FROM border_snapshots WHERE version < (SELECT min(version) FROM (SELECT version FROM border_snapshots ORDER BY version DESC LIMIT $1) AS newest)";
}
