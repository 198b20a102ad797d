using Muster.Storage.Border;
using NodaTime;

namespace Muster.Cli.Server.Border;

/// <summary>Composes border control into `muster serve`: the settings (checked), the border's tables, the keys, the offline list and the online check.</summary>
public static class BorderServices
{
    public static async Task AddMusterBorderAsync(this WebApplicationBuilder builder, string db, IClock clock, CancellationToken cancellationToken)
    {
        builder.Services.AddOptions<BorderOptions>().BindConfiguration(BorderOptions.Section);
        var options = builder.Configuration.GetSection(BorderOptions.Section).Get<BorderOptions>() ?? new BorderOptions();
        if (options.Problem() is { } problem)
        {
            throw new CliInputException(problem);
        }

        var store = await BorderStore.OpenAsync(db, cancellationToken);
        BorderKeyring keys;
        try
        {
            keys = await BorderKeyring.LoadAsync(options, store, clock, cancellationToken);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }

        builder.Services.AddSingleton(_ => store);
        builder.Services.AddSingleton(keys);
        builder.Services.AddSingleton<ExitBanList>();
        builder.Services.AddSingleton<BorderSnapshots>();
        builder.Services.AddSingleton<DocumentHolders>();
        builder.Services.AddSingleton<TravellerCheck>();
    }
}
