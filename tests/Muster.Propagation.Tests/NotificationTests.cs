using System.Text.Json;
using Muster.Cli.Server.Propagation;
using Muster.Core.Facts;
using Muster.Storage.Propagation;
using static Muster.Propagation.Tests.Support.Facts;

namespace Muster.Propagation.Tests;

/// <summary>Every change becomes a message in the person's account and goes out through the notifier (file by default; SMTP).</summary>
public sealed class NotificationTests
{
    private const string Start = "2026-03-02T06:00:00Z";

    [Fact]
    public async Task Every_change_is_a_message_in_the_personal_account_and_a_line_for_the_notification_gateway()
    {
        await using var register = await Deployment.CreateAsync(null, Start);
        var node = await register.StartNodeAsync();
        const string p = Deployment.Citizen;
        await register.ImportAsync([Registered(p, "2025-06-01T00:00:00Z", "RU-KGD"), Placed(p, "s1", "2026-02-01T08:00:00Z"), Registered("p-other", "2025-06-01T00:00:00Z"), Placed("p-other", "s1", Start)]);
        await register.WaitSweptAsync(Start);
        await register.WaitDeliveredAsync();

        var mine = await node.GetJsonAsync(register.CitizenKey, "/api/me/notifications");
        var sent = mine.EnumerateArray().Where(n => n.TryGetProperty("id", out _)).ToList();
        Assert.Equal(7, sent.Count);
        var exit = sent.Single(n => n.GetProperty("code").GetString() == "travel.exit");
        Assert.Equal("restriction.started", exit.GetProperty("kind").GetString());
        Assert.Equal("Введено ограничение: Запрет на выезд из Российской Федерации", exit.GetProperty("subject").GetProperty("ru").GetString());
        Assert.Contains("01.02.2026 10:00", exit.GetProperty("text").GetProperty("ru").GetString(), StringComparison.Ordinal); // Kaliningrad local time
        Assert.Contains("Что делать:", exit.GetProperty("text").GetProperty("ru").GetString(), StringComparison.Ordinal);
        Assert.Single(mine.EnumerateArray(), n => n.GetProperty("kind").GetString() == "restriction.started" && n.GetProperty("code").GetString() == "travel.exit");
        Assert.Contains(mine.EnumerateArray(), n => n.GetProperty("kind").GetString() == "summons.placed");

        var lines = (await File.ReadAllLinesAsync(register.NotificationsFile)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(8, lines.Count);
        Assert.Equal(7, lines.Count(l => l.GetProperty("personId").GetString() == p));
        Assert.Equal(sent.Select(n => n.GetProperty("id").GetString()).Order(StringComparer.Ordinal),
            lines.Where(l => l.GetProperty("personId").GetString() == p).Select(l => l.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Иванов", node.Output, StringComparison.Ordinal); // no personal data in the log
    }

    [Fact]
    public async Task The_smtp_notifier_hands_the_message_to_a_relay_in_the_persons_language_first()
    {
        await using var smtp = new SmtpListener();
        var notifier = new SmtpNotifier(new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, From = "muster@register.test", To = "{personId}@accounts.test" });
        await notifier.SendAsync(new NotificationRecord(1, "chg-1", "p-42", I(Start), "imposed", "travel.exit", "s1",
            "Restriction imposed: May not leave the country", "Введено ограничение: Запрет на выезд", "From 02.03.2026.", "С 02.03.2026."), CancellationToken.None);
        var (to, data) = Assert.Single(smtp.Messages);
        Assert.Equal(["p-42@accounts.test"], to);
        Assert.Contains("Muster-Notification: chg-1", data, StringComparison.Ordinal);
        Assert.Contains("Subject: =?utf-8?", data, StringComparison.OrdinalIgnoreCase);
    }
}
