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

    public static string Header => "| window | from (s) | requests | errors | p50 (ms) | p95 (ms) | p99 (ms) | server RSS (MB) |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"| {Number} | {Start.TotalSeconds:F0} | {Requests} | {Errors} | {Percentile(50):F1} | {Percentile(95):F1} | {Percentile(99):F1} | {RssMegabytes:F0} |");

    /// <summary>The resident memory of a process (VmRSS in /proc/PID/status), in MB.</summary>
    public static double Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
