using Muster.Core.Serialization;
using NodaTime;

namespace Muster.Reliability.Tests.Support;

/// <summary>
/// A register for the fault suites: a <see cref="Deployment"/> (a SQLite file or a database of a cluster)
/// with office KGD-01 (RU-KGD), citizens with keys of their own, a webhook receiver subscribed for every
/// agency, and one `muster serve` at a time with fast propagation, which the test SIGKILLs and starts again.
/// Clients always reach the node started last through <see cref="Address"/>.
/// </summary>
public sealed class CrashRig : IAsyncDisposable
{
    public const string Start = "2026-03-02T06:00:00Z";
    private static readonly string[] Agencies = ["border", "tax", "property", "traffic", "credit"];
    private readonly IReadOnlyDictionary<string, string> _settings;
    private Instant _now = Facts.I(Start);

    private CrashRig(Deployment register, WebhookReceiver receiver, IReadOnlyList<(string, string)> citizens, IReadOnlyDictionary<string, string> settings)
    {
        Register = register;
        Receiver = receiver;
        Citizens = citizens;
        _settings = settings;
    }

    public Deployment Register { get; }

    public WebhookReceiver Receiver { get; }

    public IReadOnlyList<(string PersonId, string Key)> Citizens { get; }

    public ServeProcess Node { get; private set; } = null!;

    public Uri Address => Node.Address;

    public int Kills { get; private set; }

    public Instant Now => _now;

    public static async Task<CrashRig> StartAsync(PostgresCluster? cluster, int citizens, IReadOnlyDictionary<string, string>? settings = null)
    {
        var register = await Deployment.CreateAsync(cluster, Start);
        await MusterCli.RunAsync("offices", "add", "--db", register.Db, "--code", "KGD-01", "--region", "RU-KGD");
        var ids = Enumerable.Range(0, citizens).Select(i => $"p-citizen-{i}").ToList();
        var keys = await Task.WhenAll(ids.Select(id => MusterCli.CreateKeyAsync(register.Db, "--role", "citizen", "--person", id)));
        var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromMilliseconds(20); // deliveries take a moment, so kills land in the middle of some
        var rig = new CrashRig(register, receiver, [.. ids.Zip(keys)], settings ?? new Dictionary<string, string>());
        rig.Node = await register.StartNodeAsync(rig._settings, "node0");
        foreach (var agency in Agencies)
        {
            await register.SubscribeAsync(rig.Node, receiver, agency);
        }

        foreach (var id in ids)
        {
            var (code, body) = await rig.Node.SendAsync(register.AdminKey, HttpMethod.Post, "/api/persons", new
            {
                personId = id, nationalId = "77" + id.GetHashCode(StringComparison.Ordinal).ToString("X8", System.Globalization.CultureInfo.InvariantCulture),
                familyName = "Орлов", givenNames = "Илья", birthDate = "1998-07-01", region = "RU-KGD",
            });
            Assert.True(code == 201, $"{code} {body}");
        }

        return rig;
    }

    /// <summary>Moves the register's clock on (the sweeper then has measures to start and changes to deliver).</summary>
    public void Advance(Duration by)
    {
        _now += by;
        Register.SetClock(TimeFormats.Format(_now));
    }

    /// <summary>SIGKILL, then a new node on the same database: it must come up by itself, with nothing to repair by hand.</summary>
    public async Task KillAndRestartAsync()
    {
        var old = Node;
        old.Kill();
        Kills++;
        Register.Forget(old);
        await old.DisposeAsync();
        Node = await Register.StartNodeAsync(_settings, $"node{Kills}");
    }

    public async ValueTask DisposeAsync()
    {
        await Register.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
