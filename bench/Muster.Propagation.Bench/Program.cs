using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Muster.Cli.Server.Propagation;
using Muster.Core.Facts;
using Muster.Core.Policies;
using Muster.Storage;
using Muster.Storage.Propagation;
using NodaTime;

// The propagation benchmark (docs/benchmarks.md, "Propagation"): on a fresh SQLite file,
//   1. 100,000 registered persons (imported and swept beforehand: not timed);
//   2. a mass issue: 100,000 summonses placed at one instant, imported (the status projection is
//      written by the import) and swept: evaluated, projected, each travel.exit change in the outbox
//      with the person's notification — timed;
//   3. the 100,000 changes delivered by the real webhook dispatcher to a local receiver (Kestrel, in
//      this process, verifying every signature) — timed;
// with a baseline measured in the same run: a raw insert of 100,000 outbox-shaped rows.
// Usage: dotnet run -c Release --project bench/Muster.Propagation.Bench [-- PERSONS]
var persons = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var folder = Path.Combine(Path.GetTempPath(), $"muster-prop-bench-{Guid.NewGuid():N}");
Directory.CreateDirectory(folder);
var db = "sqlite:" + Path.Combine(folder, "muster.db");
var placedAt = Instant.FromUtc(2026, 3, 2, 6, 0);
var clock = new Clock(placedAt);
var policies = PolicyLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "policies"));
string[] regions = ["RU-MOW", "RU-KGD", "RU-SAM", "RU-CHE", "RU-KYA", "RU-SAK", "RU-RYA", "RU-ME"];
Console.WriteLine($"propagation benchmark: {persons:N0} persons, SQLite at {folder}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");

await StoreFactory.MigrateAsync(db);
var options = new StoreOptions(clock, policies);
await using var store = await StoreFactory.OpenAsync(db, options);
await using var propagation = await PropagationStore.OpenAsync(db, options);

// 1. The register (not timed).
await store.ImportAsync(Enumerable.Range(0, persons).Select(i => new FactLine(i + 1, new PersonRegistered
{
    Id = $"r{i:D7}", PersonId = $"p{i:D7}", OccurredAt = placedAt - Duration.FromDays(400), RecordedAt = placedAt - Duration.FromDays(400), Channel = "office",
    NationalId = $"45{i:D8}", FamilyName = "Иванов", GivenNames = "Иван", BirthDate = new LocalDate(1990 + (i % 15), 1 + (i % 12), 1 + (i % 28)),
    Region = regions[i % regions.Length], Documents = [new IdentityDocument(IdentityDocument.InternationalPassport, $"7{i:D8}", "RUS")],
}, null)));
await propagation.SweepAsync(placedAt - Duration.FromDays(1), 1000);

// Baseline: a raw insert of as many outbox-shaped rows, one prepared statement, one transaction.
var baseline = Stopwatch.StartNew();
using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "muster.db")};Pooling=False"))
{
    connection.Open();
    using (var pragma = connection.CreateCommand())
    {
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE baseline (seq INTEGER PRIMARY KEY, change_id TEXT NOT NULL UNIQUE, person_id TEXT NOT NULL, agency TEXT NOT NULL, payload TEXT NOT NULL); CREATE INDEX baseline_agency ON baseline (agency, seq); CREATE INDEX baseline_person ON baseline (person_id, seq);";
        pragma.ExecuteNonQuery();
    }

    using var transaction = connection.BeginTransaction();
    using var insert = connection.CreateCommand();
    insert.Transaction = transaction;
    insert.CommandText = "INSERT INTO baseline VALUES ($s, $c, $p, 'border', $j)";
    var s = insert.Parameters.Add("$s", SqliteType.Integer);
    var c = insert.Parameters.Add("$c", SqliteType.Text);
    var p = insert.Parameters.Add("$p", SqliteType.Text);
    var j = insert.Parameters.Add("$j", SqliteType.Text);
    insert.Prepare();
    for (var i = 0; i < persons; i++)
    {
        s.Value = i + 1;
        c.Value = $"chg-{i:x24}";
        p.Value = $"p{i:D7}";
        j.Value = $"{{\"id\":\"chg-{i:x24}\",\"seq\":{i + 1},\"personId\":\"p{i:D7}\",\"agency\":\"border\",\"code\":\"travel.exit\",\"kind\":\"imposed\",\"effectiveAt\":\"2026-03-02T06:00:00Z\",\"codeInForceAfter\":true,\"withdrawn\":false,\"summonsId\":\"s{i:D7}\",\"policyId\":\"ru-2026\",\"ruleId\":\"exit-ban\",\"intervalStart\":\"2026-03-02T06:00:00Z\",\"generation\":0,\"causeFactId\":\"f{i:D7}\",\"recordedAt\":\"2026-03-02T06:00:00Z\"}}";
        insert.ExecuteNonQuery();
    }

    transaction.Commit();
}

baseline.Stop();

// 2. The mass issue: placed at once, imported, swept.
var issue = Stopwatch.StartNew();
var imported = await store.ImportAsync(Enumerable.Range(0, persons).Select(i => new FactLine(i + 1, new SummonsPlaced
{
    Id = $"f{i:D7}", PersonId = $"p{i:D7}", OccurredAt = placedAt, RecordedAt = placedAt, Channel = "register",
    SummonsId = $"s{i:D7}", Office = "MOW-07", AppearanceAt = (placedAt + Duration.FromDays(10)).InUtc().LocalDateTime,
}, null)));
var importSeconds = issue.Elapsed.TotalSeconds;
var swept = await propagation.SweepAsync(placedAt, 1000);
issue.Stop();
Check(imported.Stored == persons, $"imported {imported.Stored}");
Check(swept.Imposed == persons, $"swept {swept.Imposed} impositions");

// 3. Dispatch to a local receiver through the real dispatcher.
var received = 0;
var receiverPort = FreePort();
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls($"http://127.0.0.1:{receiverPort}");
var app = builder.Build();
const string secret = "whsec_bench";
app.MapPost("/hook", async (HttpRequest request) =>
{
    using var buffer = new MemoryStream();
    await request.Body.CopyToAsync(buffer);
    if (!WebhookSignature.Verify(secret, request.Headers[WebhookSignature.Header].ToString(), buffer.GetBuffer().AsSpan(0, (int)buffer.Length), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)))
    {
        return Results.StatusCode(401);
    }

    using var json = System.Text.Json.JsonDocument.Parse(buffer.ToArray());
    Interlocked.Add(ref received, json.RootElement.GetProperty("changes").GetArrayLength());
    return Results.Ok();
});
await app.StartAsync();
var wall = Instant.FromDateTimeOffset(DateTimeOffset.UtcNow);
await propagation.CreateWebhookAsync(new WebhookRecord("wh-bench", "border", $"http://127.0.0.1:{receiverPort}/hook", secret, wall, "bench", 0, WebhookStatus.Active, 0, wall, null, null, 0));
var settings = Options.Create(new PropagationOptions { WebhookBatch = 500, DispatchPollSeconds = 0.01 });
using var dispatcher = new WebhookDispatcher(propagation, TimeProvider.System, settings, NullLogger<WebhookDispatcher>.Instance);
using var stop = new CancellationTokenSource();
var dispatch = Stopwatch.StartNew();
var running = dispatcher.RunAsync(stop.Token);
while (Volatile.Read(ref received) < persons && dispatch.Elapsed < TimeSpan.FromMinutes(5))
{
    await Task.Delay(20);
}

dispatch.Stop();
await stop.CancelAsync();
try
{
    await running;
}
catch (OperationCanceledException)
{
    // stopped
}

await app.StopAsync();
Check(received == persons, $"received {received}");

Console.WriteLine();
Console.WriteLine("| step | what | seconds |");
Console.WriteLine("|---|---|---:|");
Console.WriteLine($"| baseline | raw insert of {persons:N0} outbox-shaped rows (one prepared statement, one transaction) | {baseline.Elapsed.TotalSeconds:F1} |");
Console.WriteLine($"| mass issue | {persons:N0} summonses placed at once: import (facts, chain, status projection) | {importSeconds:F1} |");
Console.WriteLine($"| | sweep: evaluate, project, {swept.Imposed:N0} changes + notifications into the outbox ({swept.Persons:N0} persons, batches of 1,000) | {issue.Elapsed.TotalSeconds - importSeconds:F1} |");
Console.WriteLine($"| | **placed → in the outbox** | **{issue.Elapsed.TotalSeconds:F1}** |");
Console.WriteLine($"| dispatch | {received:N0} changes to a local webhook receiver (batches of 500, signed, verified) | **{dispatch.Elapsed.TotalSeconds:F1}** |");

await propagation.DisposeAsync();
await store.DisposeAsync();
SqliteConnection.ClearAllPools();
Directory.Delete(folder, recursive: true);
return 0;

static void Check(bool ok, string what)
{
    if (!ok)
    {
        throw new InvalidOperationException("benchmark went wrong: " + what);
    }
}

static int FreePort()
{
    using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}

internal sealed class Clock(Instant now) : IClock
{
    public Instant GetCurrentInstant() => now;
}
