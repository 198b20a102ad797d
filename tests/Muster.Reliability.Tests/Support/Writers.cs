using System.Globalization;
using System.Text.Json;
using NodaTime;

namespace Muster.Reliability.Tests.Support;

/// <summary>
/// Clients that write to the register while a test injects faults. Each registers persons of its own
/// (RU-KGD), places their summonses at office KGD-01, has its citizen open them, and records hand-overs,
/// appearances, deferments, cancellations and retractions — as the admin, the one key that may do all of
/// it. Every request and its answer go to the <see cref="Ledger"/>. They talk to whichever node
/// <c>target</c> names at the moment, so a test can kill the server and start another under them.
/// </summary>
public sealed class Writers(Func<Uri> target, Func<Instant> now, string adminKey, IReadOnlyList<(string PersonId, string Key)> citizens, Ledger ledger, string tag)
{
    private int _sequence;

    /// <summary>Runs <paramref name="clients"/> clients until <paramref name="stop"/> (each finishes the request it is in).</summary>
    public Task RunAsync(int clients, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(c, stop), CancellationToken.None)));

    private sealed class Own
    {
        public List<string> Persons { get; } = [];
        public List<(string PersonId, string SummonsId)> Summonses { get; } = [];
        public List<(string PersonId, string FactId)> Facts { get; } = [];
    }

    private async Task ClientAsync(int client, CancellationToken stop)
    {
        var random = new Random(Campaign.Mix(tag, client));
        var own = new Own();
        var citizen = citizens.Count == 0 ? ((string PersonId, string Key)?)null : citizens[client % citizens.Count];
        if (citizen is { } c)
        {
            own.Persons.Add(c.PersonId);
        }

        while (!stop.IsCancellationRequested)
        {
            var roll = random.Next(100);
            var answered = roll switch
            {
                < 25 => await RegisterAsync(client, own),
                < 50 when own.Persons.Count > 0 => await PlaceAsync(own, Pick(random, own.Persons)),
                < 62 when citizen is { } mine && own.Summonses.Any(s => s.PersonId == mine.PersonId) =>
                    await ActAsync(own, "open", mine.PersonId, $"/api/summonses/{Pick(random, own.Summonses.Where(s => s.PersonId == mine.PersonId).ToList()).SummonsId}/open", null, mine.Key),
                < 72 when own.Summonses.Count > 0 => await SummonsActAsync(own, Pick(random, own.Summonses), "handed", new { }),
                < 82 when own.Persons.Count > 0 => await FactAsync(own, "appearance", Pick(random, own.Persons), "/api/appearances", p => new { personId = p, office = "KGD-01" }),
                < 88 when own.Persons.Count > 0 => await FactAsync(own, "deferment", Pick(random, own.Persons), "/api/deferments",
                    p => new { personId = p, from = Today(), until = Today(60), basis = "illness" }),
                < 94 when own.Summonses.Count > 0 => await SummonsActAsync(own, Pick(random, own.Summonses), "cancel", new { reason = "issued in error" }),
                < 100 when own.Facts.Count > 0 => await RetractAsync(own, Pick(random, own.Facts)),
                _ => await RegisterAsync(client, own),
            };
            if (!answered)
            {
                // No server there (killed, or still starting), or it said to come back later (503, 507): try again shortly.
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private string Today(int days = 0) => (now() + Duration.FromDays(days)).InUtc().Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<bool> RegisterAsync(int client, Own own)
    {
        var n = Interlocked.Increment(ref _sequence);
        var personId = $"p-{tag}-{client}-{n}";
        var digits = (unchecked((uint)Campaign.Mix(tag, n)) % 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture);
        var answer = await Client.PostAsync(target(), "/api/persons", adminKey, new
        {
            personId,
            nationalId = $"{client}{digits}",
            familyName = "Кузнецов",
            givenNames = "Пётр",
            birthDate = "1999-02-03",
            region = "RU-KGD",
            documents = new[] { new { kind = "international_passport", number = $"{client}{digits}", issuingState = "RUS" } },
        });
        Record("register", personId, answer, null);
        if (answer.Status == 201)
        {
            own.Persons.Add(personId);
        }

        return Answered(answer);
    }

    /// <summary>Whether the server was there and able to decide (no answer, 503 and 507 mean: try again later).</summary>
    private static bool Answered(Answer answer) => answer.Status is not (null or 503 or 507);

    private async Task<bool> PlaceAsync(Own own, string personId)
    {
        var appearance = (now() + Duration.FromDays(3)).InUtc().Date.At(new LocalTime(10, 0)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        var answer = await Client.PostAsync(target(), "/api/summonses", adminKey, new { personId, office = "KGD-01", purpose = "clarification of records", appearanceAt = appearance });
        Record("place", personId, answer, "placedFactId");
        if (answer.Status == 201)
        {
            using var json = JsonDocument.Parse(answer.Body);
            own.Summonses.Add((personId, json.RootElement.GetProperty("summonsId").GetString()!));
            own.Facts.Add((personId, json.RootElement.GetProperty("placedFactId").GetString()!));
        }

        return Answered(answer);
    }

    private Task<bool> SummonsActAsync(Own own, (string PersonId, string SummonsId) summons, string act, object body) =>
        ActAsync(own, act, summons.PersonId, $"/api/summonses/{summons.SummonsId}/{act}", body, adminKey);

    private Task<bool> FactAsync(Own own, string op, string personId, string path, Func<string, object> body) =>
        ActAsync(own, op, personId, path, body(personId), adminKey);

    private Task<bool> RetractAsync(Own own, (string PersonId, string FactId) fact) =>
        ActAsync(own, "retract", fact.PersonId, $"/api/facts/{fact.FactId}/retract", new { reason = "recorded in error" }, adminKey);

    private async Task<bool> ActAsync(Own own, string op, string personId, string path, object? body, string key)
    {
        var answer = await Client.PostAsync(target(), path, key, body);
        var factId = Record(op, personId, answer, "factId");
        if (factId is not null && op != "open")
        {
            own.Facts.Add((personId, factId));
        }

        return Answered(answer);
    }

    private string? Record(string op, string personId, Answer answer, string? factProperty)
    {
        string? factId = null;
        long? version = null;
        if (answer.IsSuccess)
        {
            using var json = JsonDocument.Parse(answer.Body);
            factId = factProperty is not null && json.RootElement.TryGetProperty(factProperty, out var f) ? f.GetString() : null;
            version = json.RootElement.TryGetProperty("version", out var v) ? v.GetInt64() : null;
        }

        ledger.Add(new Attempt(op, personId, answer, factId, version));
        return factId;
    }
}
