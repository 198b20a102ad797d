using System.Globalization;
using Microsoft.Extensions.Options;

namespace Muster.Cli.Server.Operations;

/// <summary>
/// What the platform asks a node, with no key and no rate limit (like /healthz, which stays pure
/// liveness): GET /readyz, should this node get traffic? No personal data in any answer.
/// </summary>
public static class OperationsApi
{
    public static IServiceCollection AddMusterOperations(this IServiceCollection services, IConfiguration configuration, string db)
    {
        services.AddOptions<ReadinessOptions>().BindConfiguration(ReadinessOptions.Section);
        var readiness = configuration.GetSection(ReadinessOptions.Section).Get<ReadinessOptions>() ?? new ReadinessOptions();
        services.AddSingleton(_ => Storage.Health.StoreProbe.Open(db, TimeSpan.FromSeconds(Math.Max(0.1, readiness.TimeoutSeconds))));
        services.AddSingleton<Readiness>();
        return services;
    }

    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/readyz", ReadyAsync).ExcludeFromDescription().DisableRateLimiting();
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
