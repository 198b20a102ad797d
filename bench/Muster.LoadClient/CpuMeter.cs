using System.Diagnostics;

namespace Muster.LoadClient;

/// <summary>The CPU time (user + system) the server process and this client have used so far.</summary>
public sealed class CpuMeter(int serverPid)
{
    private readonly Process? _server = serverPid > 0 ? Process.GetProcessById(serverPid) : null;

    public bool MeasuresServer => _server is not null;

    public (TimeSpan? Server, TimeSpan Client) Read()
    {
        _server?.Refresh();
        using var self = Process.GetCurrentProcess();
        return (_server?.TotalProcessorTime, self.TotalProcessorTime);
    }
}
