using System.Net;
using Muster.Api.Tests.Support;
using Muster.Core.Border.Snapshot;
using NodaTime;
using NodaTime.Text;

namespace Muster.Api.Tests;

public abstract partial class ApiContract
{
    private static readonly Instant StartInstant = InstantPattern.General.Parse(ApiServer.Start).Value;

    /// <summary>
    /// The offline list on a register of its own, with keys from `muster border keygen` (Muster:Border:KeysDirectory):
    /// it lists exactly the documents of the banned, verifies with the published key, decides at a post
    /// through `muster border check`; a post that is current gets 204; after an appearance lifts a ban the
    /// delta since the post's version removes the documents; an unknown version gets the whole list.
    /// </summary>
    [Fact]
    public async Task A_posts_snapshot_lists_exactly_the_banned_documents_and_a_delta_removes_a_lifted_ban()
    {
        var keys = Path.Combine(Path.GetTempPath(), $"muster-border-keys-{Guid.NewGuid():N}");
        try
        {
            await MusterCommand.RunAsync("border", "keygen", "--out", keys);
            await using var own = await OwnRegister.StartAsync(Api, null, new Dictionary<string, string> { ["Border__KeysDirectory"] = keys });
            var (banned, alsoBanned, free) = (NewId("p"), NewId("p"), NewId("p"));
            await own.CreateAsync("/api/persons", PersonWith(banned, ("passport", "4512345678"), ("international_passport", "751000001")));
            await own.CreateAsync("/api/persons", PersonWith(alsoBanned, ("international_passport", "751000002")));
            await own.CreateAsync("/api/persons", PersonWith(free, ("international_passport", "751000003")));
            foreach (var person in new[] { banned, alsoBanned })
            {
                await own.CreateAsync("/api/summonses", new { personId = person, office = "KGD-01", purpose = "clarification of records", appearanceAt = "2026-03-05T15:00" });
            }

            // The published key is the keys folder's; the hash key posts fetch is the folder's too.
            var publicPem = await (await own.SendAsync(null, HttpMethod.Get, "/api/border/snapshot/key")).Content.ReadAsStringAsync();
            var publicKey = BorderPublicKey.FromPem(publicPem);
            Assert.Equal(BorderPublicKey.FromPem(await File.ReadAllTextAsync(Path.Combine(keys, "public-key.pem"))).KeyId, publicKey.KeyId);
            var hashKey = BorderHashKey.FromPem(await File.ReadAllTextAsync(Path.Combine(keys, "hash-key.pem")));
            Assert.Equal(hashKey.Id, BorderHashKey.FromPem(await (await own.SendAsync(own.Border, HttpMethod.Get, "/api/border/snapshot/hash-key")).Content.ReadAsStringAsync()).Id);

            using var full = await own.SendAsync(own.Border, HttpMethod.Get, "/api/border/snapshot");
            Assert.Equal(HttpStatusCode.OK, full.StatusCode);
            Assert.Equal("application/octet-stream", full.Content.Headers.ContentType?.MediaType);
            Assert.Equal("full", Header(full, "Muster-Snapshot-Kind"));
            var bytes = await full.Content.ReadAsByteArrayAsync();
            var snapshot = Loaded(BorderSnapshot.Load(bytes, publicKey, hashKey, StartInstant));
            Assert.Equal(Header(full, "Muster-Snapshot-Version"), snapshot.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(3, snapshot.Count);
            Assert.True(snapshot.IsBanned("RUS", "4512345678"));
            Assert.True(snapshot.IsBanned("RUS", "751000001"));
            Assert.True(snapshot.IsBanned("RUS", "751000002"));
            Assert.False(snapshot.IsBanned("RUS", "751000003"));
            Assert.Equal(StartInstant + Duration.FromHours(24), snapshot.ValidUntil);

            // A post decides offline from the file with the CLI: deny for the banned, allow for the free.
            var folder = Path.Combine(keys, "post");
            Directory.CreateDirectory(folder);
            var snapshotFile = Path.Combine(folder, "snapshot.bin");
            await File.WriteAllBytesAsync(snapshotFile, bytes);
            Assert.Equal(1, await OfflineCheckAsync(keys, snapshotFile, null, "751000002", ApiServer.Start));
            Assert.Equal(0, await OfflineCheckAsync(keys, snapshotFile, null, "751000003", ApiServer.Start));

            // Nothing changed: the post is current.
            using var current = await own.SendAsync(own.Border, HttpMethod.Get, $"/api/border/snapshot?since={snapshot.Version}");
            Assert.Equal((HttpStatusCode.NoContent, "current"), (current.StatusCode, Header(current, "Muster-Snapshot-Kind")));

            // The person appears: the ban is lifted at once, and the delta since the post's version removes both documents.
            Api.SetClock("2026-03-02T09:00:00Z");
            await own.CreateAsync("/api/appearances", new { personId = banned, office = "KGD-01" });
            using var changed = await own.SendAsync(own.Border, HttpMethod.Get, $"/api/border/snapshot?since={snapshot.Version}");
            Assert.Equal((HttpStatusCode.OK, "delta"), (changed.StatusCode, Header(changed, "Muster-Snapshot-Kind")));
            Assert.Equal(snapshot.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(changed, "Muster-Snapshot-Base"));
            var deltaBytes = await changed.Content.ReadAsByteArrayAsync();
            var later = InstantPattern.General.Parse("2026-03-02T09:00:00Z").Value;
            var delta = Loaded(BorderSnapshotDelta.Load(deltaBytes, publicKey, later));
            Assert.Equal((0, 2), (delta.AddedCount, delta.RemovedCount));
            var applied = Loaded(snapshot.Apply(delta));
            Assert.Equal(1, applied.Count);
            Assert.False(applied.IsBanned("RUS", "751000001"));
            Assert.True(applied.IsBanned("RUS", "751000002"));
            Assert.Equal(later + Duration.FromHours(24), applied.ValidUntil);
            var deltaFile = Path.Combine(folder, "delta.bin");
            await File.WriteAllBytesAsync(deltaFile, deltaBytes);
            Assert.Equal(1, await OfflineCheckAsync(keys, snapshotFile, null, "751000001", "2026-03-02T09:00:00Z"));
            Assert.Equal(0, await OfflineCheckAsync(keys, snapshotFile, deltaFile, "751000001", "2026-03-02T09:00:00Z"));

            // A version the server does not have: the whole list, as it is now.
            using var unknown = await own.SendAsync(own.Border, HttpMethod.Get, "/api/border/snapshot?since=1");
            Assert.Equal("full", Header(unknown, "Muster-Snapshot-Kind"));
            Assert.Equal(1, Loaded(BorderSnapshot.Load(await unknown.Content.ReadAsByteArrayAsync(), publicKey, hashKey, later)).Count);

            using var bad = await own.SendAsync(own.Border, HttpMethod.Get, "/api/border/snapshot?since=yesterday");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("\"field\":\"since\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(keys, recursive: true);
        }
    }

    /// <summary>
    /// Without a keys folder the server makes the keys once and keeps them in the store: a second node on
    /// the same store publishes and signs with the same key. The second node (the default cache of 60 s)
    /// serves the list it read until a minute has passed.
    /// </summary>
    [Fact]
    public async Task Without_a_keys_folder_every_node_on_the_store_signs_with_the_same_key_and_serves_its_list_for_the_cache_time()
    {
        var (banned, document) = await NewPersonAsync();
        await Api.PlaceSummonsAsync(banned);
        var (_, freeDocument) = await NewPersonAsync();
        var published = await Api.GetAsync("anonymous", "/api/border/snapshot/key");
        Assert.Equal((200, "application/x-pem-file"), (published.Code, published.MediaType));
        var publicKey = BorderPublicKey.FromPem(published.Body);
        Assert.Equal(publicKey.KeyId, published.Message.Headers.GetValues("Muster-Snapshot-Key-Id").Single());
        var hashKey = BorderHashKey.FromPem((await Api.GetAsync("border", "/api/border/snapshot/hash-key")).Body);

        var fetched = await Api.GetAsync("admin", "/api/border/snapshot");
        var snapshot = Loaded(BorderSnapshot.Load(await fetched.Message.Content.ReadAsByteArrayAsync(), publicKey, hashKey, StartInstant));
        Assert.True(snapshot.IsBanned("RUS", document));
        Assert.False(snapshot.IsBanned("RUS", freeDocument));

        await using var node = await OwnRegister.StartAsync(Api, Api.Db, new Dictionary<string, string> { ["Border__SnapshotCacheSeconds"] = "60" });
        Assert.Equal(published.Body, await (await node.SendAsync(null, HttpMethod.Get, "/api/border/snapshot/key")).Content.ReadAsStringAsync());
        using var first = await node.SendAsync(node.Border, HttpMethod.Get, "/api/border/snapshot");
        var read = Loaded(BorderSnapshot.Load(await first.Content.ReadAsByteArrayAsync(), publicKey, hashKey, StartInstant));
        Assert.True(read.IsBanned("RUS", document));

        // A ban placed now is not in the second node's list until its cache time has passed.
        var (late, lateDocument) = await NewPersonAsync();
        await Api.PlaceSummonsAsync(late);
        using var cached = await node.SendAsync(node.Border, HttpMethod.Get, "/api/border/snapshot");
        Assert.Equal(Header(first, "Muster-Snapshot-Version"), Header(cached, "Muster-Snapshot-Version"));
        Api.SetClock("2026-03-02T06:01:01Z");
        using var refreshed = await node.SendAsync(node.Border, HttpMethod.Get, "/api/border/snapshot");
        var now = InstantPattern.General.Parse("2026-03-02T06:01:01Z").Value;
        var fresh = Loaded(BorderSnapshot.Load(await refreshed.Content.ReadAsByteArrayAsync(), publicKey, hashKey, now));
        Assert.True(fresh.Version > read.Version);
        Assert.True(fresh.IsBanned("RUS", lateDocument));
    }

    /// <summary>Settings that cannot work, and a keys folder whose public key is not the signing key's: the server does not start, and says which.</summary>
    [Fact]
    public async Task The_server_refuses_to_start_with_border_settings_that_cannot_work_naming_them()
    {
        var tooRare = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            MusterServer.StartAsync(Api.Db, Api.ClockFile, new Dictionary<string, string> { ["Border__SnapshotValidHours"] = "1", ["Border__SnapshotRefreshMinutes"] = "90" }));
        Assert.Contains("Muster:Border:SnapshotRefreshMinutes: 90; must be more than 0 and less than the validity (1 h)", OneLine(tooRare.Message), StringComparison.Ordinal);

        var keys = Path.Combine(Path.GetTempPath(), $"muster-border-keys-{Guid.NewGuid():N}");
        var other = Path.Combine(Path.GetTempPath(), $"muster-border-keys-{Guid.NewGuid():N}");
        try
        {
            await MusterCommand.RunAsync("border", "keygen", "--out", keys);
            await MusterCommand.RunAsync("border", "keygen", "--out", other);
            File.Copy(Path.Combine(other, "public-key.pem"), Path.Combine(keys, "public-key.pem"), overwrite: true);
            var mismatched = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                MusterServer.StartAsync(Api.Db, Api.ClockFile, new Dictionary<string, string> { ["Border__KeysDirectory"] = keys }));
            Assert.Contains("public-key.pem: key id", OneLine(mismatched.Message), StringComparison.Ordinal);
            Assert.Contains("is not the public key of signing-key.pem", OneLine(mismatched.Message), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(keys, recursive: true);
            Directory.Delete(other, recursive: true);
        }
    }

    /// <summary>The console wraps long error lines at its width; the words are what count.</summary>
    private static string OneLine(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    private static object PersonWith(string personId, params (string Kind, string Number)[] documents) => new
    {
        personId,
        nationalId = NewDigits(10),
        familyName = "Соколов",
        givenNames = "Илья",
        birthDate = "1995-08-19",
        region = "RU-KGD",
        documents = documents.Select(d => new { kind = d.Kind, number = d.Number, issuingState = "RUS" }).ToArray(),
    };

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : throw new Xunit.Sdk.XunitException($"no {name} header");

    private static T Loaded<T>(SnapshotResult<T> result) where T : class =>
        result.Value ?? throw new Xunit.Sdk.XunitException($"refused: {result.Refusal}");

    /// <summary>`muster border check` at a post, by the traveller's passport MRZ: its exit code (0 allow, 1 deny).</summary>
    private static async Task<int> OfflineCheckAsync(string keys, string snapshot, string? delta, string passport, string now)
    {
        var mrz = Mrz.Td3("RUS", "SOKOLOV<<ILIA", passport, "RUS", "950819", 'M', "310101");
        string[] arguments =
        [
            "border", "check", "--snapshot", snapshot, "--public-key", Path.Combine(keys, "public-key.pem"), "--hash-key", Path.Combine(keys, "hash-key.pem"),
            "--mrz", mrz, "--now", now, .. delta is null ? Array.Empty<string>() : ["--delta", delta],
        ];
        var result = await MusterCommand.ExitAsync(arguments);
        Assert.True(result.ExitCode is 0 or 1, result.All);
        return result.ExitCode;
    }
}
