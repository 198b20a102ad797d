using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Muster.Tests;

/// <summary>`muster users`: local portal accounts; the password comes on standard input and only a salted hash is stored.</summary>
public sealed class UsersCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("muster-users-").FullName;

    private string Db => "sqlite:" + Path.Combine(_folder, "muster.db");

    [Fact]
    public async Task An_account_is_created_with_the_password_from_standard_input_and_stored_as_a_salted_hash()
    {
        Assert.Equal(0, (await MusterProcess.RunAsync("offices", "add", "--db", Db, "--code", "KGD-01", "--region", "RU-KGD")).ExitCode);

        var created = await RunAsync("correct horse battery\n", "users", "create", "--db", Db, "--username", "ivanova", "--role", "clerk", "--office", "KGD-01", "--name", "A. Ivanova");
        Assert.True(created.ExitCode == 0, created.All);
        Assert.Contains("saved account ivanova (clerk of KGD-01)", created.Output, StringComparison.Ordinal);

        var hash = Scalar("SELECT password_hash FROM portal_users WHERE username = 'ivanova'");
        Assert.DoesNotContain("correct horse", hash, StringComparison.Ordinal);
        Assert.True(Convert.FromBase64String(hash).Length > 32, hash); // format marker, parameters, salt, subkey
        var again = await RunAsync("correct horse battery\n", "users", "create", "--db", Db, "--username", "ivanova2", "--role", "clerk", "--office", "KGD-01");
        Assert.True(again.ExitCode == 0, again.All);
        Assert.NotEqual(hash, Scalar("SELECT password_hash FROM portal_users WHERE username = 'ivanova2'")); // salted

        var list = await MusterProcess.RunAsync("users", "list", "--db", Db);
        Assert.Contains("ivanova", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(hash, list.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("short\n", new[] { "--role", "border" }, "--password: at least 10 characters")]
    [InlineData("long enough password\n", new[] { "--role", "citizen" }, "--person: a citizen's account needs it")]
    [InlineData("long enough password\n", new[] { "--role", "border", "--office", "KGD-01" }, "--office: only a clerk's account has one")]
    [InlineData("long enough password\n", new[] { "--role", "agency" }, "--role: 'agency' is not one of")]
    [InlineData("long enough password\n", new[] { "--role", "clerk", "--office", "NOPE-1" }, "--office: no office 'NOPE-1'")]
    public async Task Bad_input_is_refused_naming_the_option(string stdin, string[] options, string message)
    {
        var result = await RunAsync(stdin, ["users", "create", "--db", Db, "--username", "u1", .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.All, StringComparison.Ordinal);
    }

    private string Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "muster.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)command.ExecuteScalar()!;
    }

    private static async Task<MusterProcess.Result> RunAsync(string stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "muster.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["COLUMNS"] = "200";
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new MusterProcess.Result(process.ExitCode, await output, await error);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
