using Microsoft.Data.Sqlite;

namespace Muster.Storage.Tests;

/// <summary>The contract on SQLite: each test in a file of its own; tampering with the real sqlite3.</summary>
public sealed class SqliteStoreContract : StoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-sqlite-").FullName;

    private string PathOf(string db) => db["sqlite:".Length..];

    protected override Task<string> NewDatabaseAsync() => Task.FromResult($"sqlite:{Path.Combine(_folder, $"{Guid.NewGuid():N}.db")}");

    protected override Task<Processes.Result> OutOfBandAsync(string sql, bool bypassTriggers = true) =>
        Processes.RunAsync("sqlite3", [PathOf(Db), (bypassTriggers
            ? "DROP TRIGGER facts_no_update; DROP TRIGGER facts_no_delete; DROP TRIGGER access_log_no_update; DROP TRIGGER access_log_no_delete; "
            : "") + sql]);

    protected override async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={PathOf(Db)};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task An_online_backup_is_a_complete_store_with_an_intact_chain()
    {
        await Store.AppendAsync("p-1", 0, [TestFacts.Registered("p-1", "f-1")]);
        await Store.AppendAsync("p-1", 1, [TestFacts.Placed("p-1", "s-1", "f-2")]);
        var backup = Path.Combine(_folder, "backup.db");

        var cli = await MusterCli.RunAsync("db", "backup", "--db", Db, backup);
        Assert.True(cli.ExitCode == 0, cli.All);
        Assert.Equal(4, (await MusterCli.RunAsync("db", "backup", "--db", Db, backup)).ExitCode);

        await using var copy = await StoreFactory.OpenAsync($"sqlite:{backup}", new StoreOptions(Clock, TestFacts.Policies));
        Assert.Equal(2, (await copy.ReadPersonAsync("p-1")).Version);
        var report = await copy.VerifyAuditChainAsync();
        Assert.True(report.Intact, report.Problem);
        Assert.Equal((await Store.VerifyAuditChainAsync()).FactTipHash, report.FactTipHash);
    }

    [Fact]
    public async Task Migrate_creates_the_default_store_folder_and_a_bad_db_text_is_one_clear_error()
    {
        var nested = Path.Combine(_folder, "data", "muster.db");
        var migrate = await MusterCli.RunAsync("db", "migrate", "--db", $"sqlite:{nested}");
        var bad = await MusterCli.RunAsync("audit", "verify", "--db", "mysql:whatever");

        Assert.True(migrate.ExitCode == 0, migrate.All);
        Assert.True(File.Exists(nested));
        Assert.Equal(4, bad.ExitCode);
        Assert.Contains("expected sqlite:PATH or postgres:CONNECTION-STRING", bad.All);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
