using System.Diagnostics;
using System.Globalization;
using System.Text;
using Muster.Core.Policies;
using Muster.Core.Serialization;
using Muster.Storage;
using Muster.Storage.Audit;
using Muster.Storage.Bench;
using NodaTime;
using NodaTime.Testing;

// The store's benchmark: import vs. raw insert of the same rows on SQLite and PostgreSQL, and lookups/s.
// Usage: Muster.Storage.Bench [--persons 250000] [--engines sqlite,postgres] [--lookups 200000] [--write docs/benchmarks.md]
var persons = Option("--persons", 250_000);
var lookups = Option("--lookups", 200_000);
var engines = OptionText("--engines", "sqlite,postgres").Split(',');
var write = OptionText("--write", "");
var command = "dotnet run -c Release --project bench/Muster.Storage.Bench -- " + string.Join(' ', args);

var folder = Directory.CreateTempSubdirectory("muster-bench-").FullName;
var file = Path.Combine(folder, "facts.jsonl");
var now = Instant.FromUtc(2026, 2, 10, 12, 0);
var policies = PolicyLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "policies"));
var options = new StoreOptions(new FakeClock(now), policies);
var results = new List<string>();
var loadBefore = LoadAverage();
try
{
    var sw = Stopwatch.StartNew();
    SyntheticRegister.WriteJsonl(file, persons);
    var rows = Rows(file, now);
    Console.WriteLine($"generated {rows.Count:N0} facts for {persons:N0} persons ({new FileInfo(file).Length / 1e6:F0} MB) in {sw.Elapsed.TotalSeconds:F1} s");

    foreach (var engine in engines)
    {
        await using var pg = engine == "postgres" ? await ThrowawayPostgres.StartAsync() : null;
        string Db(string name)
        {
            return pg is null ? Path.Combine(folder, name + ".db") : pg.ConnectionString(name);
        }

        if (pg is not null)
        {
            await pg.CreateDatabaseAsync("raw");
            await pg.CreateDatabaseAsync("logonly");
            await pg.CreateDatabaseAsync("store");
        }

        Settle();
        var rawCpu = Cpu();
        sw.Restart();
        if (pg is null)
        {
            RawInsert.Sqlite(Db("raw"), rows);
        }
        else
        {
            await RawInsert.PostgresAsync(Db("raw"), rows);
        }

        var raw = sw.Elapsed;
        rawCpu = Cpu() - rawCpu;
        Console.WriteLine($"{engine}: raw insert {raw.TotalSeconds:F1} s (CPU of this process {rawCpu.TotalSeconds:F1} s)");

        // The same rows into the store's own log table (its three indexes), nothing else: what the log alone costs.
        var logOnlyDb = (pg is null ? "sqlite:" : "postgres:") + Db("logonly");
        await StoreFactory.MigrateAsync(logOnlyDb);
        Settle();
        sw.Restart();
        if (pg is null)
        {
            RawInsert.Sqlite(Db("logonly"), rows, "facts");
        }
        else
        {
            await RawInsert.PostgresAsync(Db("logonly"), rows, "facts");
        }

        var logOnly = sw.Elapsed;
        Console.WriteLine($"{engine}: same rows into the log table {logOnly.TotalSeconds:F1} s");

        var db = (pg is null ? "sqlite:" : "postgres:") + Db("store");
        await StoreFactory.MigrateAsync(db);
        await using var store = await StoreFactory.OpenAsync(db, options);
        Settle();
        var pause = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes();
        var cpu = Cpu();
        var serverCpu = pg?.ServerCpu() ?? TimeSpan.Zero;
        sw.Restart();
        var summary = await store.ImportAsync(FactLineReader.ReadFile(file, now));
        var import = sw.Elapsed;
        if (pg is not null)
        {
            Console.WriteLine($"{engine}: the server's CPU during the import {(pg.ServerCpu() - serverCpu).TotalSeconds:F1} s");
        }

        Console.WriteLine($"{engine}: import {import.TotalSeconds:F1} s ({summary.Stored:N0} stored, {summary.Rejected.Count} rejected; " +
            $"GC pauses {(GC.GetTotalPauseDuration() - pause).TotalSeconds:F1} s, {(GC.GetTotalAllocatedBytes() - allocated) / 1e9:F1} GB allocated, CPU {(Cpu() - cpu).TotalSeconds:F1} s)");
        var importCpu = Cpu() - cpu;
        if (summary.Stored != rows.Count)
        {
            throw new InvalidOperationException($"import stored {summary.Stored}, expected {rows.Count}: {summary.Rejected.FirstOrDefault()}");
        }

        // The projection rows the import wrote, written again beside the log rows of the log-table run:
        // with those, every row the import stores, and none of its work.
        TimeSpan projectionRows;
        if (pg is null)
        {
            var tables = ProjectionRows.ReadSqlite(Db("store"));
            Settle();
            sw.Restart();
            ProjectionRows.WriteSqlite(Db("logonly"), tables);
            projectionRows = sw.Elapsed;
        }
        else
        {
            var tables = await ProjectionRows.ReadPostgresAsync(Db("store"));
            Settle();
            sw.Restart();
            await ProjectionRows.WritePostgresAsync(Db("logonly"), tables);
            projectionRows = sw.Elapsed;
        }

        var everyRow = logOnly + projectionRows;
        Console.WriteLine($"{engine}: the projection rows {projectionRows.TotalSeconds:F1} s; every row the import stores {everyRow.TotalSeconds:F1} s; import ÷ that {import / everyRow:F2}×");

        var (byId, byDocument) = await LookupsAsync(store, persons, lookups);
        Console.WriteLine($"{engine}: {byId:N0} status lookups/s by person id, {byDocument:N0} by document number");
        sw.Restart();
        var verify = await store.VerifyAuditChainAsync();
        Console.WriteLine($"{engine}: audit verify {sw.Elapsed.TotalSeconds:F1} s, intact={verify.Intact}");
        results.Add($"| {engine} | {raw.TotalSeconds:F1} s | {logOnly.TotalSeconds:F1} s | {projectionRows.TotalSeconds:F1} s | {everyRow.TotalSeconds:F1} s | {import.TotalSeconds:F1} s | **{import / everyRow:F2}×** | {import / raw:F2}× | {import / logOnly:F2}× | {(pg is null ? $"{importCpu / rawCpu:F2}×" : "n/a")} | {rows.Count / import.TotalSeconds:N0} | {byId:N0} | {byDocument:N0} | {sw.Elapsed.TotalSeconds:F1} s |");
    }

    var section = Section(persons, rows.Count, results, command, $"load average {loadBefore} at the start, {LoadAverage()} at the end");
    Console.WriteLine(section);
    if (write.Length > 0)
    {
        WriteSection(write, section);
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static List<LogRow> Rows(string file, Instant now)
{
    var rows = new List<LogRow>();
    var tip = ChainTip.Empty;
    foreach (var line in FactLineReader.ReadFile(file, now))
    {
        var fact = line.Fact!;
        var content = FactJson.Serialize(fact);
        var hash = AuditChain.Next(tip.Hash, content);
        rows.Add(new LogRow(tip.Sequence + 1, fact.Id, fact.PersonId, fact.Type, content, tip.Hash, hash));
        tip = new ChainTip(tip.Sequence + 1, hash);
    }

    return rows;
}

static async Task<(double ById, double ByDocument)> LookupsAsync(IFactStore store, int persons, int count)
{
    var random = new Random(42);
    var ids = Enumerable.Range(0, count).Select(_ => random.Next(persons)).ToArray();
    for (var i = 0; i < 1000; i++)
    {
        await store.GetStatusAsync(SyntheticRegister.PersonId(ids[i]));
    }

    var personIds = ids.Select(SyntheticRegister.PersonId).ToArray();
    var documents = ids.Select(SyntheticRegister.DocumentNumber).ToArray();
    var sw = Stopwatch.StartNew();
    foreach (var id in personIds)
    {
        _ = await store.GetStatusAsync(id) ?? throw new InvalidOperationException($"no status for {id}");
    }

    var byId = count / sw.Elapsed.TotalSeconds;
    sw.Restart();
    foreach (var number in documents)
    {
        _ = (await store.GetStatusByDocumentAsync(number, "RUS"))[0];
    }

    return (byId, count / sw.Elapsed.TotalSeconds);
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static string Section(int persons, int facts, List<string> results, string command, string load)
{
    var text = new StringBuilder();
    text.AppendLine("## Store");
    text.AppendLine();
    text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores ({System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}), " +
        $"{facts:N0} facts for {persons:N0} persons (synthetic register, four facts each), in one run ({load}):");
    text.AppendLine();
    text.AppendLine("```");
    text.AppendLine(command.TrimEnd());
    text.AppendLine("```");
    text.AppendLine();
    text.AppendLine("| engine | log rows, bare table | log rows into the log table | projection rows | every row the import stores | `import` | import ÷ every row | import ÷ bare table | import ÷ log table | CPU import ÷ CPU bare table | facts/s | status lookups/s by person id | status lookups/s by document number | audit verify |");
    text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    foreach (var r in results)
    {
        text.AppendLine(r);
    }

    text.AppendLine();
    text.AppendLine("Every row the import stores (the baseline of the target): the log rows of the same facts, already serialized and hashed, into a migrated store's `facts` table (its unique fact_id, (person_id, seq) and summons indexes), then the persons, documents and status rows the import wrote, copied from the imported store into the same store's tables (their indexes as they are), each by the engine's fastest path (SQLite: one prepared INSERT per table, 50,000 rows per transaction, the store's pragmas; PostgreSQL: binary COPY, 50,000 log rows per COPY, one COPY per projection table). " +
        "Log rows, bare table: the log rows alone into a table with only a primary key, the same way — less than the store must keep, shown for comparison. " +
        "Import: `IFactStore.ImportAsync` from the JSON Lines file, as `muster import` runs it: parse, validate, dedupe by id, hash chain, the log's indexes, persons/documents/status projections with the evaluator per person, 50,000 facts per transaction. " +
        "Lookups: one thread, in-process, random persons. PostgreSQL runs with fsync and synchronous commit on (shared_buffers 512MB, max_wal_size 8GB, autovacuum off so that one step's vacuum does not run during the next).");
    return text.ToString();
}

static void WriteSection(string path, string section)
{
    var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
    var start = existing.IndexOf("## Store", StringComparison.Ordinal);
    string updated;
    if (start < 0)
    {
        updated = existing.TrimEnd() + "\n\n" + section;
    }
    else
    {
        var next = existing.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        updated = existing[..start] + section + (next < 0 ? "" : "\n" + existing[(next + 1)..]);
    }

    File.WriteAllText(path, updated);
}

static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

static void Settle()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
}

int Option(string name, int fallback) => int.Parse(OptionText(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

string OptionText(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
