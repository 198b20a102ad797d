using Microsoft.Extensions.Logging.Console;

namespace Muster.Cli.Server.Operations;

/// <summary>
/// The server's logs: text or JSON lines (<see cref="LogSettings.Json"/>), UTC timestamps, and never
/// personal data at any level. Muster's own messages name ids, codes and counts only; of ASP.NET Core's,
/// the per-request lines carry the full URL, whose query may hold a national id, a document number or
/// a name searched for, so they are held back below Warning whatever the configuration asks
/// (request counts and latencies are on /metrics).
/// </summary>
public static class ServerLogging
{
    /// <summary>ASP.NET Core's "Request starting GET /api/persons?nationalId=…" and "Request finished …", and Kestrel's quotes of malformed request lines.</summary>
    private static readonly string[] RequestLines = ["Microsoft.AspNetCore.Hosting.Diagnostics", "Microsoft.AspNetCore.Server.Kestrel.BadRequests"];

    public static void AddMusterLogging(this WebApplicationBuilder builder, LogSettings settings)
    {
        // The slim builder chooses the simple formatter in code, over the configuration: choose again.
        if (settings.Json || string.Equals(builder.Configuration["Logging:Console:FormatterName"], ConsoleFormatterNames.Json, StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.UseUtcTimestamp = true);
        }

        // Added after the configuration's rules, so it wins over one for the same category.
        foreach (var category in RequestLines)
        {
            builder.Logging.AddFilter(category, level => level >= LogLevel.Warning);
        }
    }
}
