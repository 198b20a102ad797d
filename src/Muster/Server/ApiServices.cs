using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Muster.Cli.Server.Apis;
using Muster.Cli.Server.Auth;
using Muster.Cli.Server.Problems;
using Muster.Cli.Server.Register;

namespace Muster.Cli.Server;

/// <summary>The services and the pipeline of the JSON API, in one place each.</summary>
public static class ApiServices
{
    public static IServiceCollection AddMusterApi(this IServiceCollection services, ServerOptions options)
    {
        services.AddSingleton<RegisterService>();
        services.AddSingleton<AccessLog>();
        services.AddSingleton<RegisterChanges>();
        services.AddSingleton<LogFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<LogFollower>());
        services.AddSingleton<KeyResolver>();
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = StatusProblems.Customize);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // bad JSON reaches ApiExceptionHandler, which names the field
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o =>
        {
            var json = o.SerializerOptions;
            json.MaxDepth = 16;
            json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            json.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        });
        ApiKeyHandler.Register(services);
        services.AddAuthorization();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetTokenBucketLimiter(
                context.Features.Get<Caller>()?.KeyId ?? "anonymous:" + context.Connection.RemoteIpAddress,
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, options.Burst),
                    TokensPerPeriod = Math.Max(1, options.RequestsPerSecond),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            o.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = "1";
                var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"this key may make {options.RequestsPerSecond} requests per second (bursts of {options.Burst}); retry after a second",
                        Type = ApiProblem.TypeOf(429),
                        Extensions = { ["field"] = "Authorization" },
                    },
                });
            };
        });
        services.AddHealthChecks();
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Muster API";
            document.Info.Description = "The register of persons liable for military registration, their summonses, and the restrictions computed from them. Authenticate with 'Authorization: Bearer KEY'.";
            return Task.CompletedTask;
        }));
        return services;
    }

    public static WebApplication UseMusterApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapDocsApi();
        app.MapPersonsApi();
        app.MapSummonsesApi();
        app.MapAppearancesApi();
        app.MapDefermentsApi();
        app.MapFactsApi();
        app.MapMeApi();
        app.MapBorderApi();
        app.MapBorderSnapshotApi();
        app.MapImportApi();
        return app;
    }
}
