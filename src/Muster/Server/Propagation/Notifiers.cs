using System.Net;
using System.Net.Mail;
using System.Text;
using System.Text.Json;
using Muster.Core.Serialization;
using Muster.Storage.Propagation;

namespace Muster.Cli.Server.Propagation;

/// <summary>Tells a person about a change on their record. At least once: a notification may be sent again after a crash; its id stays the same.</summary>
public interface INotifier
{
    Task SendAsync(NotificationRecord notification, CancellationToken cancellationToken);
}

/// <summary>Tells no one (the messages stay in the personal account).</summary>
public sealed class NoNotifier : INotifier
{
    public Task SendAsync(NotificationRecord notification, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// The default notifier: one JSON line per message appended to a file, for a gateway (SMS, push, the
/// state-services portal) to pick up. The file is the channel, not a log: it holds the message and
/// the person's id, and belongs with the database under the same protection.
/// </summary>
public sealed class FileNotifier(string path) : INotifier, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public async Task SendAsync(NotificationRecord n, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.Serialize(new
        {
            id = n.ChangeId,
            personId = n.PersonId,
            at = TimeFormats.Format(n.At),
            kind = n.Kind,
            code = n.Code,
            summonsId = n.SummonsId,
            subject = new { ru = n.SubjectRu, en = n.SubjectEn },
            body = new { ru = n.BodyRu, en = n.BodyEn },
        }) + "\n";
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }

            await File.AppendAllTextAsync(Path, line, Encoding.UTF8, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}

/// <summary>
/// Mail through an SMTP relay (System.Net.Mail): subject and body in the configured language first, the
/// other below; the recipient from <see cref="SmtpOptions.To"/>. Header Muster-Notification carries the id.
/// </summary>
public sealed class SmtpNotifier(SmtpOptions options) : INotifier
{
    public async Task SendAsync(NotificationRecord n, CancellationToken cancellationToken)
    {
        var ru = options.Language.StartsWith("ru", StringComparison.OrdinalIgnoreCase);
        using var message = new MailMessage(options.From, options.To.Replace("{personId}", n.PersonId, StringComparison.Ordinal))
        {
            Subject = ru ? n.SubjectRu : n.SubjectEn,
            Body = ru ? $"{n.BodyRu}\n\n---\n{n.SubjectEn}\n{n.BodyEn}\n" : $"{n.BodyEn}\n\n---\n{n.SubjectRu}\n{n.BodyRu}\n",
            SubjectEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        message.Headers.Add("Muster-Notification", n.ChangeId);
        using var client = new SmtpClient(options.Host, options.Port) { EnableSsl = options.EnableSsl, DeliveryMethod = SmtpDeliveryMethod.Network };
        if (options.User is { Length: > 0 } user)
        {
            client.Credentials = new NetworkCredential(user, options.Password);
        }

        await client.SendMailAsync(message, cancellationToken);
    }
}
