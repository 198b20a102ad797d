using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Muster.Api.Tests.Support;

/// <summary>
/// A real `muster serve` process on a free loopback port, with the test clock file. Its output is
/// kept for failure messages; it is killed on dispose.
/// </summary>
public sealed class MusterServer : IAsyncDisposable
{
    private int _disposed;

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private MusterServer(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="settings">"Muster" settings (a key "Readiness:TimeoutSeconds" becomes Muster__Readiness__TimeoutSeconds).</param>
    /// <param name="environment">Other environment variables, as named (e.g. Logging__LogLevel__Default).</param>
    public static async Task<MusterServer> StartAsync(string db, string clockFile, IReadOnlyDictionary<string, string>? settings = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])[MusterCommand.Dll, "serve", "--db", db, "--urls", $"http://127.0.0.1:{port}", "--clock-file", clockFile])
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["Muster__KeyCacheSeconds"] = "0";
        info.Environment["Muster__RequestsPerSecond"] = "100000";
        info.Environment["Muster__Burst"] = "100000";

        // The offline list is read anew on every request: the test clock stands still, so a cached list would never expire.
        info.Environment["Muster__Border__SnapshotCacheSeconds"] = "0";
        foreach (var (k, v) in settings ?? new Dictionary<string, string>())
        {
            info.Environment["Muster__" + k] = v;
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start muster serve");
        var server = new MusterServer(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilHealthyAsync();
        return server;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(); // drains the redirected output, so the message has all of it
                throw new InvalidOperationException($"muster serve exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"muster serve did not become healthy:\n{Output}");
    }

    /// <summary>SIGKILL (no shutdown code runs); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
