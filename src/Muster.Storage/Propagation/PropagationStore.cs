namespace Muster.Storage.Propagation;

/// <summary>Opens the <see cref="IPropagationStore"/> of a store from the same connection text (sqlite:PATH or postgres:...); the store must be migrated.</summary>
public static class PropagationStore
{
    public static async Task<IPropagationStore> OpenAsync(string db, StoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (engine, target) = StoreFactory.Parse(db);
        try
        {
            return engine == "sqlite"
                ? SqlitePropagationStore.Open(target, options)
                : await PostgresPropagationStore.OpenAsync(target, options, cancellationToken);
        }
        catch (Exception e) when (StoreErrors.Translate(engine, e) is var translated && !ReferenceEquals(translated, e))
        {
            throw translated;
        }
    }
}
