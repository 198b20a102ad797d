using Muster.Core.Policies;
using Muster.Storage;
using Muster.Storage.Propagation;
using NodaTime;

namespace Muster.Cli.Server.Propagation;

/// <summary>Composes propagation into `muster serve`: the store, the leader service with its sweeper, dispatcher and notifier, and the notifier chosen by settings.</summary>
public static class PropagationServices
{
    public static async Task AddMusterPropagationAsync(this WebApplicationBuilder builder, string db, IClock clock, PolicySet policies, CancellationToken cancellationToken)
    {
        builder.Services.AddOptions<PropagationOptions>().BindConfiguration(PropagationOptions.Section);
        var options = builder.Configuration.GetSection(PropagationOptions.Section).Get<PropagationOptions>() ?? new PropagationOptions();
        var store = await PropagationStore.OpenAsync(db, new StoreOptions(clock, policies), cancellationToken);
        builder.Services.AddSingleton(_ => store);
        builder.Services.AddSingleton<PropagationNode>();
        builder.Services.AddSingleton<IPersonMessages, PersonMessages>();
        builder.Services.AddSingleton<Sweeper>();
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddSingleton<NotificationDispatcher>();
        builder.Services.AddSingleton(Notifier(options, db));
        if (options.Enabled)
        {
            builder.Services.AddHostedService<PropagationLeader>();
        }
    }

    private static INotifier Notifier(PropagationOptions options, string db) => options.Notifier.ToLowerInvariant() switch
    {
        "file" => new FileNotifier(options.NotifierFile ?? DefaultFile(db)),
        "smtp" => new SmtpNotifier(options.Smtp),
        "none" => new NoNotifier(),
        var other => throw new InvalidOperationException($"Muster:Propagation:Notifier: '{other}' is not one of file, smtp, none"),
    };

    private static string DefaultFile(string db)
    {
        var (engine, target) = StoreFactory.Parse(db);
        return engine == "sqlite"
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(target)) ?? ".", Path.GetFileNameWithoutExtension(target) + ".notifications.jsonl")
            : Path.Combine("data", "notifications.jsonl");
    }
}
