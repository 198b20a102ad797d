using System.Collections.Immutable;
using Muster.Core.Facts;
using NodaTime;
using NodaTime.Text;

namespace Muster.Core.Tests.Support;

/// <summary>
/// Builds one person's facts tersely for Given/When/Then tests. Instants are ISO-8601 strings;
/// a fact is recorded when it occurred unless <c>recorded</c> says otherwise.
/// </summary>
internal sealed class History
{
    private readonly List<Fact> _facts = [];
    private int _next;

    public History(string personId = "p1", string region = "RU-MOW", string registeredAt = "2025-01-01T00:00:00Z")
    {
        PersonId = personId;
        Add(new PersonRegistered
        {
            Id = NextId(), PersonId = personId, OccurredAt = I(registeredAt), RecordedAt = I(registeredAt),
            NationalId = "NID-" + personId, FamilyName = "Иванов", GivenNames = "Иван", BirthDate = new LocalDate(1998, 5, 17),
            Region = region, Channel = "office",
            Documents = [new IdentityDocument(IdentityDocument.InternationalPassport, "75" + personId.Length.ToString("D7", System.Globalization.CultureInfo.InvariantCulture), "RUS")],
        });
    }

    public string PersonId { get; }

    public ImmutableArray<Fact> Facts => [.. _facts];

    public Fact Last => _facts[^1];

    public static Instant I(string text) => InstantPattern.ExtendedIso.Parse(text).GetValueOrThrow();

    public static LocalDateTime L(string text) => LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm").Parse(text).GetValueOrThrow();

    public History Placed(string summonsId, string at, string appear, string? recorded = null) => Add(new SummonsPlaced
    {
        Id = NextId(), PersonId = PersonId, OccurredAt = I(at), RecordedAt = I(recorded ?? at),
        SummonsId = summonsId, Office = "OFF-1", AppearanceAt = L(appear), Channel = "register",
    });

    public History Opened(string summonsId, string at, string? recorded = null) =>
        Add(new SummonsOpened { Id = NextId(), PersonId = PersonId, OccurredAt = I(at), RecordedAt = I(recorded ?? at), SummonsId = summonsId, Channel = "portal" });

    public History Handed(string summonsId, string at) =>
        Add(new SummonsHanded { Id = NextId(), PersonId = PersonId, OccurredAt = I(at), RecordedAt = I(at), SummonsId = summonsId, Channel = "office" });

    public History Mailed(string summonsId, string at) =>
        Add(new SummonsMailed { Id = NextId(), PersonId = PersonId, OccurredAt = I(at), RecordedAt = I(at), SummonsId = summonsId, Channel = "post" });

    public History MailDelivered(string summonsId, string at) =>
        Add(new SummonsMailDelivered { Id = NextId(), PersonId = PersonId, OccurredAt = I(at), RecordedAt = I(at), SummonsId = summonsId, Channel = "post" });

    public History Cancelled(string summonsId, string at) =>
        Add(new SummonsCancelled { Id = NextId(), PersonId = PersonId, OccurredAt = I(at), RecordedAt = I(at), SummonsId = summonsId, Reason = "issued in error", Channel = "office" });

    public History ValidReason(string summonsId, string at, string channel = "office") =>
        Add(new ValidReasonAccepted { Id = NextId(), PersonId = PersonId, OccurredAt = I(at), RecordedAt = I(at), SummonsId = summonsId, Reason = "illness", Channel = channel });

    public History Appeared(string at, string? recorded = null) =>
        Add(new AppearanceRecorded { Id = NextId(), PersonId = PersonId, OccurredAt = I(at), RecordedAt = I(recorded ?? at), Office = "OFF-1", Channel = "office" });

    public History Deferment(string from, string until, string at) => Add(new DefermentGranted
    {
        Id = NextId(), PersonId = PersonId, OccurredAt = I(at), RecordedAt = I(at),
        From = LocalDatePattern.Iso.Parse(from).GetValueOrThrow(), Until = LocalDatePattern.Iso.Parse(until).GetValueOrThrow(),
        Basis = "study", Channel = "office",
    });

    public History Retract(string factId, string at) =>
        Add(new FactRetracted { Id = NextId(), PersonId = PersonId, OccurredAt = I(at), RecordedAt = I(at), FactId = factId, Reason = "entered by mistake", Channel = "office" });

    public History Add(Fact fact)
    {
        _facts.Add(fact);
        return this;
    }

    private string NextId() => $"{PersonId}-f{++_next}";
}
