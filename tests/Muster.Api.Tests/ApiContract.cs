using Muster.Api.Tests.Support;

namespace Muster.Api.Tests;

/// <summary>
/// The JSON API's contract, run against a real `muster serve` on each engine (SqliteApi, PostgresApi):
/// the seed story end to end, the role matrix, the bad-input cases. Each test starts at the same
/// clock and works on persons of its own (or on p-own, whose facts it only adds to).
/// </summary>
public abstract partial class ApiContract
{
    protected ApiContract(ApiServer server)
    {
        Api = server;
        Api.SetClock(ApiServer.Start);
    }

    protected ApiServer Api { get; }

    protected static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    protected static string NewDigits(int length) => string.Concat(Guid.NewGuid().ToByteArray().Select(b => (char)('0' + (b % 10))))[..length];

    /// <summary>Registers a fresh person in RU-KGD (admin) and returns the id and passport number.</summary>
    protected async Task<(string PersonId, string Document)> NewPersonAsync()
    {
        var id = NewId("p");
        var document = NewDigits(9);
        var reply = await Api.PostAsync("admin", "/api/persons", ApiServer.Person(id, NewDigits(10), document));
        Assert.True(reply.Code == 201, reply.ToString());
        return (id, document);
    }
}

public sealed class SqliteApi(SqliteApiServer server) : ApiContract(server), IClassFixture<SqliteApiServer>;

public sealed class PostgresApi(PostgresApiServer server) : ApiContract(server), IClassFixture<PostgresApiServer>;
