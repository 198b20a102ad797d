using System.Globalization;
using Microsoft.Extensions.Options;
using Muster.Storage;
using OpenTelemetry.Metrics;

namespace Muster.Cli.Server.Operations;

/// <summary>
/// What the platform asks a node, with no key and no rate limit (like /healthz, which stays pure
/// liveness): GET /readyz, should this node get traffic? GET /metrics, the Prometheus scrape (HTTP
/// requests and latency from ASP.NET Core's own meters, and Muster's, <see cref="MusterMetrics"/>),
/// which can be switched off or kept to the monitoring network. No personal data in any answer.
/// </summary>
public static class OperationsApi
{
    public static IServiceCollection AddMusterOperations(this IServiceCollection services, IConfiguration configuration, string db)
    {
        services.AddOptions<ReadinessOptions>().BindConfiguration(ReadinessOptions.Section);
        var readiness = configuration.GetSection(ReadinessOptions.Section).Get<ReadinessOptions>() ?? new ReadinessOptions();
        services.AddSingleton(_ => Storage.Health.StoreProbe.Open(db, TimeSpan.FromSeconds(Math.Max(0.1, readiness.TimeoutSeconds))));
        services.AddSingleton<Readiness>();

        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section);
        var metrics = configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        if (metrics.Enabled)
        {
            services.AddSingleton(new MetricsAccess(metrics.AllowFrom)); // a bad network fails the start, naming the setting
            services.AddOpenTelemetry().WithMetrics(m => m
                .AddMeter(MusterMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
                .AddPrometheusExporter());
            services.AddHostedService<OperationsSampler>();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/readyz", ReadyAsync).ExcludeFromDescription().DisableRateLimiting();
        if (app.ServiceProvider.GetService<MetricsAccess>() is { } access)
        {
            app.MapPrometheusScrapingEndpoint("/metrics", null, branch => branch.Use(access.InvokeAsync), null).DisableRateLimiting();
        }

        return app;
    }

    /// <summary>200 and the checks when ready; 503 with Retry-After and the checks when not.</summary>
    public static async Task<IResult> ReadyAsync(HttpContext context, Readiness readiness, IOptions<ReadinessOptions> options, CancellationToken cancellationToken)
    {
        var report = await readiness.CheckAsync(cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        if (report.IsReady)
        {
            return TypedResults.Json(report);
        }

        context.Response.Headers.RetryAfter = Math.Max(1, options.Value.RetryAfterSeconds).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
