using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Muster.Cli.Server.Auth;
using Muster.Cli.Server.Contracts;
using Muster.Cli.Server.Register;
using Muster.Storage;

namespace Muster.Cli.Server.Apis;

/// <summary>
/// POST /api/import: a JSON Lines fact file as the body, with the semantics of `muster import`: good
/// lines are stored (idempotent by fact id), bad ones reported with their line numbers. The body is
/// received whole before anything is written, so one over the limit (413) writes nothing.
/// </summary>
public static class ImportApi
{
    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/import").WithTags("Import")
            .MapPost("/", Import).AllowRoles(Roles.Admin)
            .Accepts<string>("application/x-ndjson", "application/jsonl", "text/plain")
            .WithSummary("Import a JSON Lines fact file (docs/facts.md), like `muster import`");
        return app;
    }

    public static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> Import(
        HttpRequest request, RegisterService register, IOptions<ServerOptions> options, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxImportBytes;
        }

        var temp = Path.Combine(Path.GetTempPath(), $"muster-import-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await request.Body.CopyToAsync(file, cancellationToken);
            }

            var summary = await register.Store.ImportAsync(FactLineReader.ReadFile(temp, register.Now), null, cancellationToken);
            return TypedResults.Ok(new ImportResponse(summary.Read, summary.Stored, summary.AlreadyPresent,
                [.. summary.Rejected.Select(r => new ImportRejectionResponse(r.LineNumber, r.Reason))]));
        }
        finally
        {
            register.Changes.Everything(); // even a failed import may have stored some batches
            File.Delete(temp);
        }
    }
}
