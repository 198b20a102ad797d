using Muster.Core.Evaluation;
using Muster.Core.Policies;
using NodaTime;

namespace Muster.Storage.Writing;

/// <summary>Computes a person's projections from their facts: the current registration and <c>Evaluator.Evaluate(facts, policies, now, now)</c>.</summary>
internal static class StatusProjector
{
    public static PersonProjection Project(PersonState state, PolicySet policies, Instant now)
    {
        var evaluation = Evaluator.Evaluate(state.Facts, policies, now, now);
        var registration = state.CurrentRegistration();
        var replace = registration?.Id != state.ProjectedRegistrationId;
        var projection = new PersonProjection(
            state.PersonId,
            registration,
            state.Version,
            replace,
            state.ProjectedRegistrationId is not null,
            Codes(evaluation),
            evaluation.NextChangeAt,
            now,
            First: !state.HasProjection);
        return projection;
    }

    /// <summary>Marks the projection as written: later ones compare against it.</summary>
    public static void Written(PersonState state, PersonProjection projection)
    {
        state.HasProjection = true;
        if (projection.ReplaceDocuments)
        {
            state.ProjectedRegistrationId = projection.Registration?.Id;
        }
    }

    /// <summary>The codes in force, distinct, in ordinal order, comma-separated ("" when free).</summary>
    public static string Codes(PersonStatus evaluation) => string.Join(',', evaluation.CodesInForce());
}
