using Muster.Cli.Server.Register;
using Muster.Core.Restrictions;
using Muster.Storage.Border;
using NodaTime;

namespace Muster.Cli.Server.Border;

/// <summary>
/// Who may not leave now, as the documents the register knows for them: what the offline list is
/// made of. The status projection answers for everyone whose status cannot have changed since it was
/// evaluated (its next change is after now), through the partial index of banned persons, so the cost
/// follows the number of banned persons. A projection whose next change has come (the sweeper has not
/// reached it yet, normally for seconds) may be wrong either way; those persons are evaluated here
/// from their facts at now, exactly as the online check does, so the list never depends on the sweeper.
/// </summary>
public sealed class ExitBanList(IBorderStore store, RegisterService register)
{
    public async Task<List<(string IssuingState, string Number)>> DocumentsAsync(Instant now, CancellationToken cancellationToken)
    {
        var projection = await store.ExitBannedAsync(now, cancellationToken);
        var documents = new List<(string, string)>(projection.Documents.Count);
        documents.AddRange(projection.Documents.Select(d => (d.IssuingState, d.Number)));
        foreach (var due in projection.Due)
        {
            var record = await register.RecordOfAsync(due.PersonId, due.Version, cancellationToken);
            if (record.Evaluate(register.Policies, now, now).IsRestricted(RestrictionCode.TravelExit))
            {
                documents.AddRange(record.Registration.Documents.Select(d => (d.IssuingState, d.Number)));
            }
        }

        return documents;
    }
}
