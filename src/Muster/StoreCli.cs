using System.CommandLine;
using Muster.Core.Policies;
using Muster.Storage;
using NodaTime;

namespace Muster.Cli;

/// <summary>What the store commands share: the --db option, opening a store, and store errors as one red line.</summary>
public static class StoreCli
{
    public static Option<string> DbOption() => new("--db")
    {
        Description = "The store: sqlite:PATH or postgres:CONNECTION-STRING (Npgsql keywords).",
        DefaultValueFactory = _ => StoreFactory.DefaultDb,
    };

    /// <summary>The store's clock and the shipped policies, which its status projection is computed under.</summary>
    public static StoreOptions Options(IClock clock) => new(clock, PolicyLoader.LoadDirectory(ShippedPolicies.Directory));

    public static async Task<IFactStore> OpenAsync(string db, IClock clock, CancellationToken cancellationToken) =>
        await StoreFactory.OpenAsync(db, Options(clock), cancellationToken);

    /// <summary>Like <see cref="CliErrors.Guard"/>, and a store that cannot be used is exit code 4 with the store's message.</summary>
    public static Task<int> Guard(Func<Task<int>> action) => CliErrors.Guard(async () =>
    {
        try
        {
            return await action();
        }
        catch (StoreException e)
        {
            return CliErrors.Fail(e.Message, ExitCodes.Unavailable);
        }
    });
}
