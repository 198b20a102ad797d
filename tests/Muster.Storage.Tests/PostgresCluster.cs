using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Muster.Storage.Tests;

/// <summary>
/// One throwaway PostgreSQL cluster for the whole run: initdb into a temp folder (as the postgres
/// user when the tests run as root: PostgreSQL refuses root), started on a free loopback port with a
/// private socket folder, stopped and deleted at the end. Durability is off (fsync, full pages): it
/// is thrown away. Each test gets its own database. When PostgreSQL is not installed every test
/// that needs it fails, saying so; none is skipped.
/// </summary>
public class PostgresCluster : IAsyncLifetime
{
    private string _root = "";
    private string _data = "";

    public string BinDirectory { get; private set; } = "";
    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        BinDirectory = FindBinDirectory();
        _root = Path.Combine(Path.GetTempPath(), $"muster-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..32]);
        _data = Path.Combine(_root, "data");
        Directory.CreateDirectory(_root);
        if (Processes.IsRoot)
        {
            await Processes.CheckedAsync("chown", "postgres:postgres", _root);
        }

        await AsPostgresAsync("initdb", "-D", _data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync");
        Port = FreePort();
        await StartAsync();
    }

    /// <summary>Starts the server (again) on the same port and data: the reliability tests take it away under load and bring it back.</summary>
    public Task StartAsync() =>
        AsPostgresAsync("pg_ctl", "-D", _data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-o",
            $"-c listen_addresses=127.0.0.1 -p {Port} -k {_root} -c fsync=off -c full_page_writes=off -c synchronous_commit={(SynchronousCommit ? "on" : "off")} -c max_connections=200", "start");

    /// <summary>
    /// Off: a commit returns before its WAL is written, which a server stopped with `-m immediate` loses.
    /// Tests that stop the server under load and count acknowledged commits need it on (fsync may stay off:
    /// the machine itself does not crash, so what reached the OS survives).
    /// </summary>
    protected virtual bool SynchronousCommit => false;

    /// <summary>
    /// Stops the server, cutting every connection: with synchronous commits at once (`-m immediate`,
    /// what a crash or a pulled cable looks like to its clients); without them by a fast shutdown,
    /// since an immediate one would lose commits the test was already told about.
    /// </summary>
    public Task StopAsync() => AsPostgresAsync("pg_ctl", "-D", _data, "-m", SynchronousCommit ? "immediate" : "fast", "-w", "stop");

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Include Error Detail=true;Timeout=30";

    /// <summary>A new, empty database of its own for one test; returns the store's connection text.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return "postgres:" + ConnectionString(name);
    }

    /// <summary>Runs SQL with the real psql, out of band (as an intruder with database access would).</summary>
    public Task<Processes.Result> PsqlAsync(string database, string sql) =>
        Processes.RunAsync(Path.Combine(BinDirectory, "psql"), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-c", sql]);

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(_data) && Port != 0 && File.Exists(Path.Combine(_data, "postmaster.pid")))
        {
            await AsPostgresAsync("pg_ctl", "-D", _data, "-m", "immediate", "-w", "stop");
        }

        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task AsPostgresAsync(string program, params string[] arguments)
    {
        var path = Path.Combine(BinDirectory, program);
        var result = Processes.IsRoot
            ? await Processes.RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], TimeSpan.FromMinutes(2), _root)
            : await Processes.RunAsync(path, arguments, TimeSpan.FromMinutes(2), _root);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({result.ExitCode}): {result.All}");
        }
    }

    private static string FindBinDirectory()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("MUSTER_PG_BIN") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found in MUSTER_PG_BIN or /usr/lib/postgresql/*/bin: " +
                "install Debian's postgresql package (./test.sh does) — the PostgreSQL contract tests need a real server and are never skipped");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "postgres";
}
