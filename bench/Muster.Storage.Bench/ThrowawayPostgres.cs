using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Muster.Storage.Bench;

/// <summary>
/// A throwaway PostgreSQL cluster for the benchmark, started the way the tests start theirs (initdb
/// into a temp folder as the postgres user when run as root, a free loopback port), but durable:
/// fsync and synchronous commit stay on, so the figures are what a real server would do. Autovacuum
/// is off: each step inserts a million rows, and the vacuum and analyze that follow one step would
/// otherwise run during the next and share its two cores (in production they run in the background,
/// after a load, on a machine with cores to spare).
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _root;
    private readonly string _bin;

    private ThrowawayPostgres(string root, string bin, int port)
    {
        _root = root;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=60;Command Timeout=0";

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var bin = Environment.GetEnvironmentVariable("MUSTER_PG_BIN") is { Length: > 0 } b ? b
            : Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin")).First(d => File.Exists(Path.Combine(d, "initdb")));
        var root = Path.Combine(Path.GetTempPath(), $"muster-bench-pg-{Guid.NewGuid():N}"[..36]);
        Directory.CreateDirectory(root);
        if (IsRoot)
        {
            await RunAsync("chown", "postgres:postgres", root);
        }

        var data = Path.Combine(root, "data");
        await AsPostgresAsync(bin, root, "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await AsPostgresAsync(bin, root, "pg_ctl", "-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "-o",
            $"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c shared_buffers=512MB -c max_wal_size=8GB -c checkpoint_timeout=30min -c maintenance_work_mem=256MB -c autovacuum=off", "start");
        return new ThrowawayPostgres(root, bin, port);
    }

    /// <summary>
    /// CPU time the cluster has used so far: the postmaster and its live children (backends, WAL
    /// writer, checkpointer), plus what its exited children used. Linux only; clock ticks of 10 ms.
    /// </summary>
    public TimeSpan ServerCpu()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(_root, "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        long ticks = 0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(folder, "stat"));
            }
            catch (IOException)
            {
                continue; // exited meanwhile
            }

            // Fields after the command's closing parenthesis: state ppid ... utime(14) stime(15) cutime(16) cstime(17), numbered from pid = 1.
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ppid = int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture);
            if (pid == postmaster || ppid == postmaster)
            {
                ticks += long.Parse(f[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(f[12], System.Globalization.CultureInfo.InvariantCulture);
                if (pid == postmaster)
                {
                    ticks += long.Parse(f[13], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(f[14], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    public async Task CreateDatabaseAsync(string name)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await AsPostgresAsync(_bin, _root, "pg_ctl", "-D", Path.Combine(_root, "data"), "-m", "fast", "-w", "stop");
        Directory.Delete(_root, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static Task AsPostgresAsync(string bin, string root, string program, params string[] arguments) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, program), .. arguments], root) : RunAsync(Path.Combine(bin, program), arguments, root);

    private static Task RunAsync(string file, params string[] arguments) => RunAsync(file, arguments, null);

    private static async Task RunAsync(string file, string[] arguments, string? workingDirectory)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed: {await output}{await error}");
        }
    }
}
