using Muster.Core.Facts;
using Muster.Core.Policies;
using Muster.Core.Propagation;
using Muster.Storage;
using Muster.Storage.Propagation;
using NodaTime;
using static Muster.Propagation.Tests.Support.Facts;

namespace Muster.Propagation.Tests;

/// <summary>
/// The propagation store's contract, the same on SQLite and PostgreSQL, in-process: the sweep writes each
/// transition once with its notification and the person's status; the feed pages in commit order per
/// agency; sweeps running at once write nothing twice; leadership is exclusive; a delivery moves its
/// cursor only when it succeeded. Moscow (UTC+3): placed 2026-02-02T09:00Z, never opened → exit ban at
/// placement, interim measures from 2026-03-01T21:00Z.
/// </summary>
public abstract class PropagationContract : IAsyncLifetime
{
    protected const string Placement = "2026-02-02T09:00:00Z";
    protected const string MeasuresStart = "2026-03-01T21:00:00Z";

    protected static readonly PolicySet Policies = PolicyLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "policies"));

    protected TestClock Clock { get; } = new(I(Placement));

    protected string Db { get; private set; } = "";

    protected IFactStore Store { get; private set; } = null!;

    protected IPropagationStore Propagation { get; private set; } = null!;

    protected abstract Task<string> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        Db = await CreateDatabaseAsync();
        await StoreFactory.MigrateAsync(Db);
        Store = await StoreFactory.OpenAsync(Db, new StoreOptions(Clock, Policies));
        Propagation = await PropagationStore.OpenAsync(Db, new StoreOptions(Clock, Policies));
    }

    public virtual async Task DisposeAsync()
    {
        await Propagation.DisposeAsync();
        await Store.DisposeAsync();
    }

    protected async Task AppendAsync(params Fact[] facts)
    {
        foreach (var group in facts.GroupBy(f => f.PersonId))
        {
            var result = await Store.AppendAsync(group.Key, null, [.. group]);
            Assert.True(result is AppendResult.Appended or AppendResult.AlreadyPresent, result.ToString());
        }
    }

    protected async Task<List<System.Text.Json.JsonElement>> FeedAsync(string? agency, long after = 0)
    {
        var all = new List<System.Text.Json.JsonElement>();
        for (var page = await Propagation.ReadFeedAsync(agency, after, 3); page.Items.Count > 0; page = await Propagation.ReadFeedAsync(agency, page.Next, 3))
        {
            all.AddRange(page.Items.Select(i => System.Text.Json.JsonDocument.Parse(i.Payload).RootElement.Clone()));
        }

        return all;
    }

    [Fact]
    public async Task Sweeping_writes_each_transition_once_with_the_persons_message_and_status()
    {
        Clock.Now = I(Placement);
        await AppendAsync(Registered("p1", "2025-01-01T00:00:00Z"), Placed("p1", "s1", Placement));
        var first = await Propagation.SweepAsync(I(Placement), 100);
        Assert.Equal((1, 1, 0), (first.Persons, first.Imposed, first.Lifted));
        Assert.Equal(first.FactTip, first.FactCursor);

        var again = await Propagation.SweepAsync(I(Placement), 100);
        Assert.Equal((0, 0), (again.Persons, again.Changes));

        var change = Assert.Single(await FeedAsync(null));
        Assert.Equal(("travel.exit", "imposed", "border", Placement, 1L), (change.GetProperty("code").GetString(), change.GetProperty("kind").GetString(),
            change.GetProperty("agency").GetString(), change.GetProperty("effectiveAt").GetString(), change.GetProperty("seq").GetInt64()));
        Assert.Equal("p1-s1-placed", change.GetProperty("causeFactId").GetString());

        var message = Assert.Single(await Propagation.NotificationsOfAsync("p1"));
        Assert.Equal(change.GetProperty("id").GetString(), message.ChangeId);
        Assert.Contains("Запрет на выезд", message.SubjectRu, StringComparison.Ordinal);
        Assert.Contains("02.02.2026 12:00", message.BodyRu, StringComparison.Ordinal); // Moscow local time
        Assert.Contains("What to do:", message.BodyEn, StringComparison.Ordinal);

        var status = await Store.GetStatusAsync("p1");
        Assert.Equal(["travel.exit"], status!.InForce.ToArray());
        Assert.Equal(I(Placement), status.EvaluatedAt);
    }

    [Fact]
    public async Task A_person_whose_next_change_has_come_is_swept_without_any_new_fact()
    {
        await AppendAsync(Registered("p1", "2025-01-01T00:00:00Z"), Placed("p1", "s1", Placement));
        await Propagation.SweepAsync(I(Placement), 100);
        Assert.Empty(await Propagation.SweepAsync(I("2026-03-01T20:59:59Z"), 100) is { Changes: 0 } ? [] : new[] { 1 });

        var later = I("2026-03-02T08:00:00Z");
        var swept = await Propagation.SweepAsync(later, 100);
        Assert.Equal((1, 6), (swept.Persons, swept.Imposed));
        var tax = await FeedAsync("tax");
        Assert.Equal(["business.register", "tax.self_employed"], tax.Select(c => c.GetProperty("code").GetString()).Order(StringComparer.Ordinal));
        Assert.All(tax, c => Assert.Equal(MeasuresStart, c.GetProperty("effectiveAt").GetString()));
        Assert.Empty(await FeedAsync("nobody"));
        Assert.Equal(7, (await Store.GetStatusAsync("p1"))!.InForce.Length);
        Assert.Equal(0, (await Propagation.SweepAsync(later, 100)).Persons);
    }

    [Fact]
    public async Task An_appearance_lifts_everything_and_a_retraction_withdraws_what_was_told()
    {
        await AppendAsync(Registered("p1", "2025-01-01T00:00:00Z"), Placed("p1", "s1", Placement),
            Registered("p2", "2025-01-01T00:00:00Z"), Placed("p2", "s1", Placement));
        await Propagation.SweepAsync(I("2026-03-02T08:00:00Z"), 100);

        Clock.Now = I("2026-03-03T10:00:00Z");
        await AppendAsync(Appeared("p1", "2026-03-03T10:00:00Z"), Retracted("p2", "p2-s1-placed", "2026-03-03T10:00:00Z"));
        var swept = await Propagation.SweepAsync(I("2026-03-03T10:00:05Z"), 100);
        Assert.Equal((2, 0, 14, 7), (swept.Persons, swept.Imposed, swept.Lifted, swept.Withdrawn));

        var all = await FeedAsync(null);
        var p1Lifts = all.Where(c => c.GetProperty("personId").GetString() == "p1" && c.GetProperty("kind").GetString() == "lifted").ToList();
        Assert.Equal(7, p1Lifts.Count);
        Assert.All(p1Lifts, c => Assert.Equal(("p1-appeared-a", false, "2026-03-03T10:00:00Z"),
            (c.GetProperty("causeFactId").GetString(), c.GetProperty("withdrawn").GetBoolean(), c.GetProperty("effectiveAt").GetString())));
        var p2Lifts = all.Where(c => c.GetProperty("personId").GetString() == "p2" && c.GetProperty("kind").GetString() == "lifted").ToList();
        Assert.All(p2Lifts, c => Assert.True(c.GetProperty("withdrawn").GetBoolean()));
        Assert.Equal(all.Select(c => c.GetProperty("seq").GetInt64()), Enumerable.Range(1, all.Count).Select(i => (long)i));
        Assert.Contains(await Propagation.NotificationsOfAsync("p2"), n => n.BodyEn.Contains("withdrawn", StringComparison.Ordinal));
        Assert.Empty((await Store.GetStatusAsync("p1"))!.InForce);
    }

    [Fact]
    public async Task A_lift_retracted_after_it_was_told_imposes_again_and_its_next_lift_is_told_too()
    {
        await AppendAsync(Registered("p1", "2025-01-01T00:00:00Z"), Placed("p1", "s1", Placement));
        await Propagation.SweepAsync(I(Placement), 100);
        Clock.Now = I("2026-02-03T10:00:00Z");
        await AppendAsync(Cancelled("p1", "s1", "2026-02-03T10:00:00Z"));
        await Propagation.SweepAsync(Clock.Now, 100);
        Clock.Now = I("2026-02-04T10:00:00Z");
        await AppendAsync(Retracted("p1", "p1-s1-cancelled", "2026-02-04T10:00:00Z"));
        await Propagation.SweepAsync(Clock.Now, 100);
        Clock.Now = I("2026-02-04T11:00:00Z");
        await AppendAsync(Appeared("p1", "2026-02-04T11:00:00Z"));
        await Propagation.SweepAsync(Clock.Now, 100);

        var told = (await FeedAsync("border")).Select(c => (c.GetProperty("kind").GetString(), c.GetProperty("generation").GetInt32())).ToList();
        Assert.Equal([("imposed", 0), ("lifted", 0), ("imposed", 1), ("lifted", 1)], told);
    }

    [Fact]
    public async Task Sweeps_running_at_once_write_nothing_twice_and_seq_stays_commit_order()
    {
        var facts = Enumerable.Range(0, 120).SelectMany(i => new Fact[] { Registered($"p{i:D3}", "2025-01-01T00:00:00Z"), Placed($"p{i:D3}", "s1", Placement) }).ToList();
        foreach (var f in facts.Chunk(2))
        {
            await AppendAsync(f);
        }

        await using var other = await PropagationStore.OpenAsync(Db, new StoreOptions(Clock, Policies));
        var now = I("2026-03-02T08:00:00Z");
        var results = await Task.WhenAll(
            Task.Run(() => Propagation.SweepAsync(now, 7)),
            Task.Run(() => other.SweepAsync(now, 11)),
            Task.Run(() => other.SweepAsync(now, 5)));
        Assert.Equal(120 * 7, results.Sum(r => r.Changes));
        var all = await FeedAsync(null);
        Assert.Equal(120 * 7, all.Count);
        Assert.Equal(all.Count, all.Select(c => c.GetProperty("id").GetString()).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(c => c.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task Leadership_is_held_by_one_at_a_time_and_passes_on_when_released()
    {
        await using var other = await PropagationStore.OpenAsync(Db, new StoreOptions(Clock, Policies));
        var lead = await Propagation.TryLeadAsync();
        Assert.NotNull(lead);
        Assert.True(await lead.CheckAsync(CancellationToken.None));
        Assert.Null(await other.TryLeadAsync());
        await lead.DisposeAsync();
        await using var next = await other.TryLeadAsync();
        Assert.NotNull(next);
    }

    [Fact]
    public async Task A_delivery_moves_the_cursor_only_when_it_succeeded_and_parks_when_told()
    {
        foreach (var i in Enumerable.Range(0, 5))
        {
            await AppendAsync(Registered($"p{i}", "2025-01-01T00:00:00Z"), Placed($"p{i}", "s1", Placement));
        }

        await Propagation.SweepAsync(I(Placement), 100);
        var now = I("2026-06-01T00:00:00Z");
        await Propagation.CreateWebhookAsync(new WebhookRecord("wh-1", "border", "https://example.invalid/hook", "secret", now, "test", 0, WebhookStatus.Active, 0, now, null, null, 0));
        Assert.Single(await Propagation.DueWebhooksAsync(now));

        await using (var attempt = await Propagation.BeginDeliveryAsync("wh-1", 3))
        {
            Assert.Equal([1L, 2L, 3L], attempt!.Items.Select(i => i.Seq));
            if (Propagation.Engine == "postgres")
            {
                Assert.Null(await Propagation.BeginDeliveryAsync("wh-1", 3)); // locked by the attempt in progress
            }

            await attempt.FailedAsync(now, now + Duration.FromMinutes(1), park: false, "HTTP 500", CancellationToken.None);
        }

        var failed = await Propagation.FindWebhookAsync("wh-1");
        Assert.Equal((0L, 1, "HTTP 500", WebhookStatus.Active), (failed!.Cursor, failed.Failures, failed.LastError, failed.Status));
        Assert.Empty(await Propagation.DueWebhooksAsync(now));

        await using (var attempt = await Propagation.BeginDeliveryAsync("wh-1", 3))
        {
            await attempt!.SucceededAsync(now, CancellationToken.None);
        }

        Assert.Equal((3L, 0, 3L), ((await Propagation.FindWebhookAsync("wh-1"))!.Cursor, (await Propagation.FindWebhookAsync("wh-1"))!.Failures, (await Propagation.FindWebhookAsync("wh-1"))!.Delivered));
        await using (var attempt = await Propagation.BeginDeliveryAsync("wh-1", 3))
        {
            Assert.Equal([4L, 5L], attempt!.Items.Select(i => i.Seq));
            await attempt.FailedAsync(now, now, park: true, "HTTP 410", CancellationToken.None);
        }

        Assert.Equal(WebhookStatus.Parked, (await Propagation.FindWebhookAsync("wh-1"))!.Status);
        Assert.Null(await Propagation.BeginDeliveryAsync("wh-1", 3));
        Assert.True(await Propagation.ReplayWebhookAsync("wh-1", 1, now));
        var replayed = await Propagation.FindWebhookAsync("wh-1");
        Assert.Equal((1L, 0, WebhookStatus.Active), (replayed!.Cursor, replayed.Failures, replayed.Status));
        await using (var attempt = await Propagation.BeginDeliveryAsync("wh-1", 10))
        {
            Assert.Equal([2L, 3L, 4L, 5L], attempt!.Items.Select(i => i.Seq));
        }

        Assert.True(await Propagation.DeleteWebhookAsync("wh-1"));
        Assert.Empty(await Propagation.ListWebhooksAsync(null));
    }

    [Fact]
    public async Task The_notifier_cursor_only_moves_forward()
    {
        await AppendAsync(Registered("p1", "2025-01-01T00:00:00Z"), Placed("p1", "s1", Placement));
        await Propagation.SweepAsync(I("2026-03-02T08:00:00Z"), 100);
        var unsent = await Propagation.UnsentNotificationsAsync(100);
        Assert.Equal(7, unsent.Count);
        await Propagation.MarkNotifiedAsync(unsent[4].Seq);
        await Propagation.MarkNotifiedAsync(unsent[1].Seq);
        Assert.Equal([unsent[5].Seq, unsent[6].Seq], (await Propagation.UnsentNotificationsAsync(100)).Select(n => n.Seq));
        Assert.Equal(unsent[4].Seq, (await Propagation.StatusAsync()).NotifierCursor);
    }
}

public sealed class SqlitePropagationContract : PropagationContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"muster-prop-{Guid.NewGuid():N}");

    protected override Task<string> CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.FromResult("sqlite:" + Path.Combine(_folder, "muster.db"));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresPropagationContract(PostgresCluster cluster) : PropagationContract
{
    protected override Task<string> CreateDatabaseAsync() => cluster.CreateDatabaseAsync();
}
