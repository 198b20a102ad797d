using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Muster.Portal.Tests.Support;

/// <summary>
/// The real `muster serve --demo` (dotnet muster.dll) on a fresh SQLite file in a folder of its own, on
/// a free loopback port, with the test clock in a file: the demo register is generated around that
/// instant, so every page shows the same dates on every run. Killed (by its process id) on dispose.
/// </summary>
public sealed class PortalServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PortalServer(Process process, Uri address, string folder)
    {
        _process = process;
        Address = address;
        Folder = folder;
    }

    public Uri Address { get; }

    public string Folder { get; }

    public TimeSpan StartUp { get; private set; }

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

    public static async Task<PortalServer> StartAsync(string now, int people, IReadOnlyDictionary<string, string>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"muster-portal-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var clock = Path.Combine(folder, "clock");
        await File.WriteAllTextAsync(clock, now);
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        string[] arguments =
        [
            Path.Combine(AppContext.BaseDirectory, "muster.dll"), "serve", "--demo", "--demo-people", people.ToString(CultureInfo.InvariantCulture),
            "--db", "sqlite:" + Path.Combine(folder, "demo.db"), "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "--clock-file", clock,
        ];
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["Muster__RequestsPerSecond"] = "100000";
        info.Environment["Muster__Burst"] = "100000";
        info.Environment["COLUMNS"] = "160";
        foreach (var (k, v) in settings ?? new Dictionary<string, string>())
        {
            info.Environment["Muster__" + k] = v;
        }

        var started = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start muster serve --demo");
        var server = new PortalServer(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), folder);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilReadyAsync();
        server.StartUp = started.Elapsed;
        return server;
    }

    public Uri Url(string path) => new(Address, path);

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

    /// <summary>Ready when it has printed its sign-ins (after the register is generated and the server listens).</summary>
    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(); // drains the redirected output, so the message has all of it
                throw new InvalidOperationException($"muster serve --demo exited with {_process.ExitCode}:\n{Output}");
            }

            if (Output.Contains("Muster demo is ready", StringComparison.Ordinal) && Output.Contains("The story:", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"muster serve --demo was not ready in time:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
