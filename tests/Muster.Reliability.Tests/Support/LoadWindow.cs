using System.Globalization;

namespace Muster.Reliability.Tests.Support;

/// <summary>What one window of a soak run saw: requests, errors, latency percentiles, and the server's memory at its end.</summary>
public sealed class LoadWindow(int number, TimeSpan start)
{
    private readonly List<double> _milliseconds = [];
    private int _errors;

    public int Number { get; } = number;

    public TimeSpan Start { get; } = start;

    public double RssMegabytes { get; set; }

    /// <summary>The server's managed heap after its last garbage collection (its /metrics), in MB: what a leak would grow.</summary>
    public double HeapMegabytes { get; set; }

    /// <summary>The database file and its write-ahead log, in MB: what the page caches in RSS fill up from.</summary>
    public double DatabaseMegabytes { get; set; }

    public int Requests
    {
        get
        {
            lock (_milliseconds)
            {
                return _milliseconds.Count;
            }
        }
    }

    public int Errors => Volatile.Read(ref _errors);

    public void Add(Answer answer, bool error)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(answer.Elapsed.TotalMilliseconds);
        }

        if (error)
        {
            Interlocked.Increment(ref _errors);
        }
    }

    public double Percentile(double p)
    {
        lock (_milliseconds)
        {
            if (_milliseconds.Count == 0)
            {
                return 0;
            }

            var sorted = _milliseconds.Order().ToList();
            return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];
        }
    }

    public static string Header =>
        "| window | from (s) | requests | errors | p50 (ms) | p95 (ms) | p99 (ms) | server RSS (MB) | managed heap (MB) | database (MB) |\n" +
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"| {Number} | {Start.TotalSeconds:F0} | {Requests} | {Errors} | {Percentile(50):F1} | {Percentile(95):F1} | {Percentile(99):F1} | {RssMegabytes:F0} | {HeapMegabytes:F0} | {DatabaseMegabytes:F0} |");

    /// <summary>Samples the server's memory and the database's size at the end of the window.</summary>
    public async Task SampleAsync(int pid, Uri server, string sqlitePath)
    {
        RssMegabytes = Rss(pid);
        HeapMegabytes = await HeapAsync(server);
        DatabaseMegabytes = new[] { sqlitePath, sqlitePath + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length) / 1048576.0;
    }

    /// <summary>
    /// The managed heap after the last collection, summed over generations, from the runtime's meter on
    /// the server's /metrics (dotnet_gc_last_collection_heap_size_bytes{gc_heap_generation="…"}).
    /// </summary>
    public static async Task<double> HeapAsync(Uri server)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(10) };
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var bytes = text.Split('\n')
            .Where(l => l.StartsWith("dotnet_gc_last_collection_heap_size_bytes{", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
        return bytes / 1048576.0;
    }

    /// <summary>The resident memory of a process (VmRSS in /proc/PID/status), in MB.</summary>
    public static double Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
