using Muster.Cli.Server.Border;
using Muster.Cli.Server.Operations;
using Muster.Cli.Server.Propagation;
using Muster.Cli.Server.Register;
using Muster.Cli.Portal;
using Muster.Core.Policies;
using Muster.Core.Serialization;
using Muster.Storage;
using Muster.Storage.Api;
using Muster.Storage.Portal;
using NodaTime;

namespace Muster.Cli.Server;

/// <summary>
/// `muster serve`: composes the host — settings, the clock, the policies, the store (migrated on
/// start), the API and the web portals. Nothing else lives here.
/// </summary>
public static class MusterServer
{
    public static async Task<WebApplication> BuildAsync(string urls, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        // No watching of appsettings*.json in the current folder (where the SQLite file often is: every WAL write would wake the watcher).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        // Defaults, under everything else: appsettings.json and Logging__LogLevel__* variables can raise or lower them.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            },
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.Section);
        var options = builder.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
        builder.AddMusterLogging(options.Logging); // Operations/: JSON lines, no personal data

        IClock clock = new MicrosecondClock(options.ClockFile is { } clockFile ? new FileClock(Path.GetFullPath(clockFile)) : SystemClock.Instance);
        var policies = PolicyLoader.LoadDirectory(options.Policies ?? ShippedPolicies.Directory);
        await StoreFactory.MigrateAsync(options.Db, cancellationToken);
        var store = await StoreFactory.OpenAsync(options.Db, new StoreOptions(clock, policies), cancellationToken);
        var directory = await RegisterDirectory.OpenAsync(options.Db, cancellationToken);
        await builder.AddMusterPropagationAsync(options.Db, clock, policies, cancellationToken); // Propagation/: sweeper, outbox, feed, webhooks, notifications
        await builder.AddMusterBorderAsync(options.Db, clock, cancellationToken); // Border/: the online check's matching, the offline list and its keys

        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(policies);
        builder.Services.AddSingleton(_ => store);
        builder.Services.AddSingleton(_ => directory);
        builder.Services.AddMusterApi(options);
        if (options.AccessJournalMoveMilliseconds > 0 && StoreFactory.Parse(options.Db) is ("sqlite", var sqlitePath))
        {
            // Register/AccessJournal.cs: officials' reads answered once in this node's journal, moved into the access log in batches.
            builder.Services.AddSingleton(sp => AccessJournal.Open(sp.GetRequiredService<IRegisterDirectory>(), sqlitePath));
            builder.Services.AddHostedService<AccessJournalMover>();
        }

        builder.Services.AddMusterOperations(builder.Configuration, options.Db); // Operations/: /readyz
        builder.Services.AddMusterPortal(builder.Configuration, await PortalDirectory.OpenAsync(options.Db, cancellationToken));
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            k.AddServerHeader = false;
        });

        var app = builder.Build();
        app.UseMusterPortalHeaders();
        app.UseMusterApi();
        app.MapOperationsApi();
        app.MapPropagationApis();
        app.UseMusterPortal();
        var border = app.Services.GetRequiredService<BorderKeyring>();
        app.Logger.LogInformation("border snapshots: signing key {KeyId}, hash key {HashKeyId}, from {Source}", border.Public.KeyId, border.Hash.Id, border.Source);
        if (options.ClockFile is not null)
        {
            app.Logger.LogWarning("TEST CLOCK: 'now' is read from {ClockFile}; never use this in production", options.ClockFile);
        }

        return app;
    }
}
