using Microsoft.AspNetCore.Http.HttpResults;
using Muster.Cli.Server.Contracts;
using Muster.Cli.Server.Problems;
using Muster.Core.Facts;
using Muster.Core.Serialization;

namespace Muster.Cli.Server.Register;

/// <summary>
/// Checks a fact built from a request by the fact format's own reader (FactJson): ids, regions,
/// issuing states, text lengths are validated once, by the same rules as `muster import`, and the
/// field at fault keeps its name (the API's fields are the fact format's).
/// </summary>
public static class FactCheck
{
    public static ProblemHttpResult? Problem(Fact fact)
    {
        FactJson.TryParse(FactJson.Serialize(fact), fact.RecordedAt, out _, out var error);
        return error is null ? null : ApiProblem.Invalid(error.Field, error.Message);
    }

    /// <summary>Append <paramref name="fact"/> to <paramref name="record"/> if it is well-formed; answer with what was recorded.</summary>
    public static Decision<RecordedResponse> Record(Fact fact, PersonRecord record) =>
        Problem(fact) ?? Decision<RecordedResponse>.Append(Views.Recorded(fact, record.Version + 1), fact);
}
