namespace Muster.Storage.Api;

/// <summary>Opens the <see cref="IRegisterDirectory"/> of a store from the same connection text (sqlite:PATH or postgres:...).</summary>
public static class RegisterDirectory
{
    public static Task<IRegisterDirectory> OpenAsync(string db, CancellationToken cancellationToken = default) =>
        StoreFactory.OpenBesideAsync<IRegisterDirectory>(db, SqliteRegisterDirectory.Open, async (target, ct) => await PostgresRegisterDirectory.OpenAsync(target, ct), cancellationToken);

    /// <summary>Runs <paramref name="operation"/>, turning driver errors into <see cref="StoreException"/>.</summary>
    internal static async Task<T> Guard<T>(string engine, Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception e) when (StoreErrors.Translate(engine, e) is var translated && !ReferenceEquals(translated, e))
        {
            throw translated;
        }
    }
}
