using Microsoft.AspNetCore.Http.HttpResults;
using Muster.Cli.Server.Auth;
using Muster.Cli.Server.Border;
using Muster.Cli.Server.Contracts;
using Muster.Cli.Server.Problems;
using Muster.Cli.Server.Register;
using Muster.Core.Border;
using Muster.Core.Serialization;

namespace Muster.Cli.Server.Apis;

/// <summary>
/// Border control asks one question: may the traveller leave now? The answer is allow, deny or refer,
/// how the traveller was identified, and a reference — no reasons, no personal data. Nothing can be
/// lifted here. The matching and the decision are <see cref="TravellerCheck"/>'s; the reference and the
/// decision go to the access log of each person the decision was about. The offline list for posts:
/// <see cref="BorderSnapshotApi"/>.
/// <para>The one endpoint with its body read and its answer written by hand (<see cref="JsonBody"/>):
/// border posts call it more than any other, and the binding of minimal APIs cost it a tenth of its
/// time. The OpenAPI document still describes it, from the metadata given here.</para>
/// </summary>
public static class BorderApi
{
    public static IEndpointRouteBuilder MapBorderApi(this IEndpointRouteBuilder app)
    {
        var endpoint = ActivatorUtilities.CreateInstance<CheckEndpoint>(app.ServiceProvider, ActivatorUtilities.CreateInstance<JsonBody>(app.ServiceProvider));
        app.MapGroup("/api/border").WithTags("Border")
            // A Func rather than a RequestDelegate, so that the builder takes the OpenAPI metadata below; it binds only the HttpContext.
            .MapPost("/checks", (Func<HttpContext, Task>)endpoint.HandleAsync).AllowRoles(Roles.Border)
            .Accepts<BorderCheckRequest>("application/json")
            .Produces<BorderCheckResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("May this traveller leave the country now? allow, deny or refer; how they were identified; a reference");
        return app;
    }

    private sealed class CheckEndpoint(JsonBody json, TravellerCheck check, RegisterService register, ILogger<TravellerCheck> log)
    {
        private readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<BorderCheckRequest> _request = json.TypeOf<BorderCheckRequest>();
        private readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<BorderCheckResponse> _response = json.TypeOf<BorderCheckResponse>();

        public async Task HandleAsync(HttpContext context)
        {
            var body = await JsonBody.ReadAsync(context.Request, _request);
            var (answer, problem) = await CheckTravellerAsync(body, Caller.Of(context), check, register, log, context.RequestAborted);
            if (problem is not null)
            {
                await problem.ExecuteAsync(context);
                return;
            }

            json.Write(context.Response, answer!, _response);
        }
    }

    public static async Task<(BorderCheckResponse? Answer, ProblemHttpResult? Problem)> CheckTravellerAsync(
        BorderCheckRequest body, Caller caller, TravellerCheck check, RegisterService register, ILogger<TravellerCheck> log, CancellationToken cancellationToken)
    {
        var now = register.Now;
        TravellerVerdict verdict;
        if (body.Mrz is not null)
        {
            if (body.DocumentNumber is not null || body.IssuingState is not null || body.BirthDate is not null)
            {
                return (null, ApiProblem.Invalid("mrz", "give either mrz or documentNumber, issuingState and birthDate, not both"));
            }

            var parsed = MrzParser.Parse(body.Mrz, now.InUtc().Date);
            if (parsed.Mrz is not { } mrz)
            {
                var first = parsed.Problems[0];
                return (null, ApiProblem.Invalid(first.Field == "mrz" ? "mrz" : "mrz." + first.Field, string.Join("; ", parsed.Problems.Select(p => p.ToString()))));
            }

            verdict = await check.ByMrzAsync(mrz, now, cancellationToken);
        }
        else
        {
            if (Fields.Missing(("documentNumber", body.DocumentNumber), ("issuingState", body.IssuingState), ("birthDate", body.BirthDate)) is { } missing)
            {
                return (null, missing);
            }

            if (Fields.Date("birthDate", body.BirthDate, out var birthDate) is { } badDate)
            {
                return (null, badDate);
            }

            verdict = await check.ByDocumentAsync(body.DocumentNumber!.Trim(), body.IssuingState!.Trim().ToUpperInvariant(), birthDate, now, cancellationToken);
        }

        Storage.MusterMetrics.BorderChecked(verdict.Decision);
        var reference = Ids.Reference();
        var purpose = $"POST /api/border/checks {reference}: {verdict.Decision}";
        await (verdict.PersonIds.Count == 1
            ? register.RecordAccessAsync(caller, verdict.PersonIds[0], purpose, cancellationToken)
            : Task.WhenAll(verdict.PersonIds.Select(id => register.RecordAccessAsync(caller, id, purpose, cancellationToken))));

        if (log.IsEnabled(LogLevel.Debug))
        {
            log.LogDebug("border check {Reference} by {Actor}: {Decision} ({Match}, {Persons} persons)", reference, caller.Actor, verdict.Decision, verdict.Match, verdict.PersonIds.Count);
        }

        return (new BorderCheckResponse(verdict.Decision, verdict.Match, reference, TimeFormats.Format(now)), null);
    }
}
