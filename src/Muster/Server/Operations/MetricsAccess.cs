using System.Net;

namespace Muster.Cli.Server.Operations;

/// <summary>
/// Who may scrape /metrics: the networks of <see cref="MetricsOptions.AllowFrom"/>, or anyone when none
/// is given. Others get 404, as if there were no such endpoint.
/// </summary>
public sealed class MetricsAccess
{
    private readonly IPNetwork[] _networks;

    public MetricsAccess(IEnumerable<string> allowFrom)
    {
        _networks = [.. allowFrom.Select(Parse)];
    }

    public bool Allows(IPAddress? address)
    {
        if (_networks.Length == 0)
        {
            return true;
        }

        if (address is null)
        {
            return false;
        }

        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return _networks.Any(n => n.Contains(plain));
    }

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (Allows(context.Connection.RemoteIpAddress))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static IPNetwork Parse(string text)
    {
        var value = text.Trim();
        if (IPNetwork.TryParse(value, out var network))
        {
            return network;
        }

        return IPAddress.TryParse(value, out var address)
            ? new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
            : throw new InvalidOperationException($"{MetricsOptions.Section}:AllowFrom: '{text}' is not a network like 10.20.0.0/16 or an address");
    }
}
