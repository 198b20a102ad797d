using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Muster.Cli.Portal.Auth;

/// <summary>
/// Slows down password guessing at the portals' sign-in. After a few failed attempts for one username,
/// or many from one client address, each further attempt must wait — 1 s, then 2, 4, 8 … (from
/// <see cref="SignInThrottleOptions.FirstDelaySeconds"/>) up to
/// <see cref="SignInThrottleOptions.MaxDelaySeconds"/> — and one made too early is refused (429 with
/// Retry-After) before the password is even checked, so waiting cannot be skipped and an early attempt
/// reveals nothing. A success clears the username's count (not the address's: a guesser with an account
/// of their own must not reset it). Counts are forgotten after a quiet window. In memory, per node.
/// Uses the real elapsed time, never the (possibly fake) legal clock.
/// </summary>
public sealed class SignInThrottle(IOptions<PortalOptions> options, TimeProvider time)
{
    private const int MaxTracked = 100_000;
    private readonly ConcurrentDictionary<string, Record> _usernames = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Record> _addresses = new(StringComparer.Ordinal);

    private SignInThrottleOptions Settings => options.Value.SignIn;

    private sealed class Record
    {
        public int Failures;
        public DateTimeOffset Last;
        public DateTimeOffset NotBefore;
    }

    /// <summary>How long this attempt must wait (null: it may be checked now).</summary>
    public TimeSpan? Wait(string username, IPAddress? address)
    {
        var now = time.GetUtcNow();
        var wait = new[] { Of(_usernames, Key(username), now), Of(_addresses, address?.ToString() ?? "", now) }.Max();
        return wait > TimeSpan.Zero ? wait : null;
    }

    public void Failed(string username, IPAddress? address)
    {
        var now = time.GetUtcNow();
        Count(_usernames, Key(username), Settings.MaxFailuresPerUsername, now);
        Count(_addresses, address?.ToString() ?? "", Settings.MaxFailuresPerAddress, now);
    }

    public void Succeeded(string username) => _usernames.TryRemove(Key(username), out _);

    private static string Key(string username) => username.Trim();

    private TimeSpan Of(ConcurrentDictionary<string, Record> records, string key, DateTimeOffset now)
    {
        if (!records.TryGetValue(key, out var record))
        {
            return TimeSpan.Zero;
        }

        lock (record)
        {
            return record.NotBefore > now ? record.NotBefore - now : TimeSpan.Zero;
        }
    }

    private void Count(ConcurrentDictionary<string, Record> records, string key, int free, DateTimeOffset now)
    {
        if (records.Count >= MaxTracked)
        {
            Forget(records, now);
        }

        var record = records.GetOrAdd(key, _ => new Record());
        lock (record)
        {
            if (now - record.Last > Window)
            {
                record.Failures = 0;
            }

            record.Failures++;
            record.Last = now;
            if (record.Failures >= free)
            {
                var doublings = Math.Min(record.Failures - free, 20);
                var first = Math.Max(0.1, Settings.FirstDelaySeconds);
                record.NotBefore = now + TimeSpan.FromSeconds(Math.Min(first * Math.Pow(2, doublings), Math.Max(first, Settings.MaxDelaySeconds)));
            }
        }
    }

    private TimeSpan Window => TimeSpan.FromMinutes(Math.Max(1, Settings.WindowMinutes));

    /// <summary>Drops the records of quiet keys, so a flood of made-up usernames cannot grow the tables without end.</summary>
    private void Forget(ConcurrentDictionary<string, Record> records, DateTimeOffset now)
    {
        foreach (var (key, record) in records)
        {
            if (now - record.Last > Window && record.NotBefore <= now)
            {
                records.TryRemove(key, out _);
            }
        }

        if (records.Count >= MaxTracked)
        {
            records.Clear(); // still full of live entries: an attack on the table itself; start over rather than grow
        }
    }
}
