using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Muster.Propagation.Tests.Support;

/// <summary>
/// A real `muster serve` process on a free loopback port with the test clock file and settings
/// (as Muster__* environment variables). <see cref="Kill"/> is SIGKILL: no shutdown code runs.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServeProcess(Process process, Uri address, string name)
    {
        _process = process;
        Address = address;
        Name = name;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public string Name { get; }

    public HttpClient Http { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

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

    /// <summary>
    /// Starts a node on a free port. A port found free can be taken by another test process before
    /// the node binds it (the test projects run side by side): then the node is started again on another.
    /// </summary>
    public static async Task<ServeProcess> StartAsync(string db, string clockFile, IReadOnlyDictionary<string, string>? settings = null, string name = "node")
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnAsync(FreePort(), db, clockFile, settings, name);
            }
            catch (InvalidOperationException e) when (attempt < 5 && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                // lost the race for the port; take another
            }
        }
    }

    private static async Task<ServeProcess> StartOnAsync(int port, string db, string clockFile, IReadOnlyDictionary<string, string>? settings, string name)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])[MusterCli.Dll, "serve", "--db", db, "--urls", $"http://127.0.0.1:{port}", "--clock-file", clockFile])
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["Muster__KeyCacheSeconds"] = "0";
        info.Environment["Muster__RequestsPerSecond"] = "100000";
        info.Environment["Muster__Burst"] = "100000";
        info.Environment["Logging__LogLevel__Default"] = "Information";
        foreach (var (k, v) in settings ?? new Dictionary<string, string>())
        {
            info.Environment["Muster__" + k.Replace(":", "__", StringComparison.Ordinal)] = v;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start muster serve");
        var server = new ServeProcess(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), name);
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
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(); // drains the redirected output, so the message has all of it
                throw new InvalidOperationException($"muster serve exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                if ((await Http.GetAsync(new Uri("/healthz", UriKind.Relative), cts.Token)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not answering yet
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"muster serve did not become healthy:\n{Output}");
    }

    public async Task<(int Code, string Body)> SendAsync(string? key, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonElement> GetJsonAsync(string key, string path)
    {
        var (code, body) = await SendAsync(key, HttpMethod.Get, path);
        Assert.True(code == 200, $"GET {path}: {code} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>SIGKILL, at once: the process gets no chance to clean up.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Http.Dispose();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
