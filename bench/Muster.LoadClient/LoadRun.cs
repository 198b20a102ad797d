using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Muster.LoadClient;

/// <summary>
/// Closed-loop load: C concurrent loops, each sending its next request when the last one answered,
/// for S seconds, on keep-alive connections. Measures GET /healthz and POST /api/border/checks on the
/// same server in the same run, alternating (healthz, border) R times after a warm-up, and prints
/// requests/second and latency percentiles of each and the ratio border/healthz. With the server's
/// process id, also the CPU time the server and this client spent per request: on a machine the two
/// share, and that others share too, the steadier measure of what a request costs the server.
/// </summary>
public static class LoadRun
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = options.Url,
        };
        var bodies = Enumerable.Range(0, options.Persons)
            .Select(i => Encoding.UTF8.GetBytes($$"""{"documentNumber":"{{SyntheticFacts.Document(i)}}","issuingState":"RUS","birthDate":"1998-01-30"}"""))
            .ToArray();
        var healthz = new Scenario("GET /healthz", (_, _) => new HttpRequestMessage(HttpMethod.Get, "/healthz"));
        // The headers as text, added without parsing: what the client spends on a request beyond what healthz
        // costs it is not the server's, but on a shared machine it is taken from the server's share of the cores.
        var authorization = "Bearer " + options.Key;
        var border = new Scenario("POST /api/border/checks", (loop, n) =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/border/checks") { Content = new ByteArrayContent(bodies[(loop * 7919 + n) % bodies.Length]) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            return request;
        });

        var cpu = new CpuMeter(options.ServerPid);

        // Warm-up: JIT (tiered compilation and its profile-guided recompilation take seconds), connection pools, SQLite page cache.
        await MeasureAsync(http, healthz, options.Concurrency, options.Warmup);
        await MeasureAsync(http, border, options.Concurrency, options.Warmup);

        var results = new List<Result>();
        for (var round = 0; round < options.Rounds; round++)
        {
            results.Add(await MeasureAsync(http, healthz, options.Concurrency, options.Seconds, cpu));
            results.Add(await MeasureAsync(http, border, options.Concurrency, options.Seconds, cpu));
        }

        Console.WriteLine($"concurrency {options.Concurrency}, {options.Warmup:0.#} s warm-up each, {options.Seconds:0.#} s per measurement, {options.Rounds} rounds, {Environment.ProcessorCount} cores shared by client and server");
        Console.WriteLine("| scenario | round | requests | errors | req/s | p50 ms | p90 ms | p99 ms | max ms | server CPU µs/req | client CPU µs/req |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (r, i) in results.Select((r, i) => (r, i)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {i / 2 + 1} | {r.Count} | {r.Errors} | {r.PerSecond:0} | {r.P(0.50):0.000} | {r.P(0.90):0.000} | {r.P(0.99):0.000} | {r.P(1):0.000} | {r.ServerMicros:0.0} | {r.ClientMicros:0.0} |"));
        }

        var h = results.Where(r => r.Name == healthz.Name).ToList();
        var b = results.Where(r => r.Name == border.Name).ToList();
        var ratio = b.Sum(r => r.PerSecond) / h.Sum(r => r.PerSecond);
        var p99 = b.Max(r => r.P(0.99));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"border/healthz throughput: {ratio:P0} (target >= 50%); border p99 (worst round): {p99:0.000} ms (target <= 2 ms)"));
        if (cpu.MeasuresServer)
        {
            double PerRequest(List<Result> rs, Func<Result, double> micros) => rs.Sum(r => micros(r) * r.Count) / rs.Sum(r => r.Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"server CPU per request: healthz {PerRequest(h, r => r.ServerMicros):0.0} µs, border {PerRequest(b, r => r.ServerMicros):0.0} µs; client: {PerRequest(h, r => r.ClientMicros):0.0} µs, {PerRequest(b, r => r.ClientMicros):0.0} µs"));
        }

        return b.Sum(r => r.Errors) + h.Sum(r => r.Errors) == 0 ? 0 : 1;
    }

    private sealed record Scenario(string Name, Func<int, int, HttpRequestMessage> Request);

    /// <param name="ServerMicros">The server's CPU time per request in µs (NaN when not measured).</param>
    private sealed record Result(string Name, long[] Ticks, int Errors, double Seconds, double ServerMicros, double ClientMicros)
    {
        public int Count => Ticks.Length;

        public double PerSecond => Count / Seconds;

        /// <summary>The q-quantile of latency in milliseconds (nearest rank).</summary>
        public double P(double q) => Ticks.Length == 0 ? double.NaN
            : Ticks[Math.Clamp((int)Math.Ceiling(q * Ticks.Length) - 1, 0, Ticks.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }

    private static async Task<Result> MeasureAsync(HttpClient http, Scenario scenario, int concurrency, double seconds, CpuMeter? cpu = null)
    {
        var cpuBefore = cpu?.Read();
        var stopAt = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var loops = Enumerable.Range(0, concurrency).Select(loop => Task.Run(async () =>
        {
            var ticks = new List<long>(100_000);
            var errors = 0;
            for (var n = 0; Stopwatch.GetTimestamp() < stopAt; n++)
            {
                using var request = scenario.Request(loop, n);
                var t0 = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                var t1 = Stopwatch.GetTimestamp();
                if (response.IsSuccessStatusCode)
                {
                    ticks.Add(t1 - t0);
                }
                else
                {
                    errors++;
                }
            }

            return (ticks, errors);
        })).ToArray();
        var done = await Task.WhenAll(loops);
        var elapsed = (Stopwatch.GetTimestamp() - started) / (double)Stopwatch.Frequency;
        var cpuAfter = cpu?.Read();
        var all = done.SelectMany(d => d.ticks).ToArray();
        Array.Sort(all);
        var requests = Math.Max(1, all.Length);
        return new Result(scenario.Name, all, done.Sum(d => d.errors), elapsed,
            (cpuAfter?.Server - cpuBefore?.Server)?.TotalMicroseconds / requests ?? double.NaN,
            (cpuAfter?.Client - cpuBefore?.Client)?.TotalMicroseconds / requests ?? double.NaN);
    }
}
