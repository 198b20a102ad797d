using Muster.Cli.Server.Contracts;
using Muster.Core.Serialization;
using Muster.Storage.Propagation;

namespace Muster.Cli.Server.Propagation;

/// <summary>The messages the register sent a person about their restrictions, merged into what the personal account shows.</summary>
public interface IPersonMessages
{
    Task<IReadOnlyList<NotificationResponse>> MergeAsync(string personId, IReadOnlyList<NotificationResponse> computed, CancellationToken cancellationToken);
}

/// <summary>
/// GET /api/me/notifications: the sent messages (one per restriction change: id, subject and text in ru
/// and en) take the place of the computed "restriction.started"/"restriction.lifted" items they
/// describe; computed items not sent yet (the sweeper runs every second or so) stay, as do the
/// summons and upcoming items. Newest first.
/// </summary>
public sealed class PersonMessages(IPropagationStore store) : IPersonMessages
{
    public async Task<IReadOnlyList<NotificationResponse>> MergeAsync(string personId, IReadOnlyList<NotificationResponse> computed, CancellationToken cancellationToken)
    {
        var sent = await store.NotificationsOfAsync(personId, cancellationToken);
        if (sent.Count == 0)
        {
            return computed;
        }

        var items = sent.Select(n => (Seq: n.Seq, Item: new NotificationResponse(
            TimeFormats.Format(n.At), n.Kind == "imposed" ? "restriction.started" : "restriction.lifted", n.SummonsId, n.Code, n.BodyEn,
            n.ChangeId, new LocalizedResponse(n.SubjectEn, n.SubjectRu), new LocalizedResponse(n.BodyEn, n.BodyRu)))).ToList();
        var covered = items.Select(x => (x.Item.At, x.Item.Kind, x.Item.SummonsId, x.Item.Code)).ToHashSet();
        var result = items.Select(x => x.Item)
            .Concat(computed.Where(c => !covered.Contains((c.At, c.Kind, c.SummonsId, c.Code))))
            .OrderByDescending(x => TimeFormats.TryParseInstant(x.At, out var at) ? at : NodaTime.Instant.MinValue)
            .ThenBy(x => x.Kind, StringComparer.Ordinal)
            .ToList();
        return result;
    }
}
