using Npgsql;

namespace Muster.Storage.Tests;

/// <summary>The contract on PostgreSQL: each test in a database of its own on the run's throwaway cluster; tampering with the real psql.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreContract(PostgresCluster cluster) : StoreContract
{
    private string ConnectionString => Db["postgres:".Length..];

    private string DatabaseName => new NpgsqlConnectionStringBuilder(ConnectionString).Database!;

    protected override Task<string> NewDatabaseAsync() => cluster.CreateDatabaseAsync();

    protected override Task<Processes.Result> OutOfBandAsync(string sql, bool bypassTriggers = true) =>
        cluster.PsqlAsync(DatabaseName, (bypassTriggers ? "ALTER TABLE facts DISABLE TRIGGER USER; ALTER TABLE access_log DISABLE TRIGGER USER; " : "") + sql);

    protected override async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_row_rewritten_with_a_recomputed_hash_is_named_by_the_next_rows_link()
    {
        await Store.AppendAsync("p-1", 0, [TestFacts.Registered("p-1", "f-1")]);
        await Store.AppendAsync("p-1", 1, [TestFacts.Placed("p-1", "s-1", "f-2")]);
        await Store.AppendAsync("p-1", 2, [TestFacts.Opened("p-1", "s-1", "f-3")]);

        var result = await OutOfBandAsync(
            "UPDATE facts SET content = replace(content, 'MOW-07', 'MOW-08') WHERE seq = 2; " +
            "UPDATE facts SET hash = sha256(prev_hash || convert_to(content, 'UTF8')) WHERE seq = 2");
        Assert.True(result.ExitCode == 0, result.All);

        var report = await Store.VerifyAuditChainAsync();
        Assert.Equal(2L, report.Sequence);
        Assert.Contains("content and hash were rewritten", report.Problem);
    }

    [Fact]
    public async Task Backup_is_left_to_pg_dump_and_says_so()
    {
        var refused = await Assert.ThrowsAsync<StoreException>(() => Store.BackupAsync(Path.Combine(Path.GetTempPath(), "never.db")));

        Assert.Contains("pg_dump", refused.Message);
    }

    [Fact]
    public async Task Concurrent_appenders_for_different_persons_serialize_on_the_chain_tip()
    {
        var stores = new List<IFactStore>();
        for (var i = 0; i < 4; i++)
        {
            stores.Add(await OpenAsync());
        }

        try
        {
            await Task.WhenAll(stores.Select((store, s) => Task.Run(async () =>
            {
                for (var n = 0; n < 10; n++)
                {
                    var person = $"p-{s}-{n}";
                    Assert.IsType<AppendResult.Appended>(await store.AppendAsync(person, 0, [TestFacts.Registered(person, $"f-{s}-{n}")]));
                }
            })));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }

        var report = await Store.VerifyAuditChainAsync();
        Assert.True(report.Intact, report.Problem);
        Assert.Equal(40L, report.FactRows);
    }
}
