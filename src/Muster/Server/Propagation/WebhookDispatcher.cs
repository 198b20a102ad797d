using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Muster.Storage;
using Muster.Storage.Propagation;
using NodaTime;

namespace Muster.Cli.Server.Propagation;

/// <summary>
/// The leader's webhook dispatcher: for each active subscription with changes past its cursor, POSTs the
/// next batch (in outbox order, so in order per person), signed; a 2xx moves the cursor, anything else
/// (or no answer within the timeout) counts a failure and schedules a retry with exponential backoff and
/// full jitter; after <see cref="PropagationOptions.MaxFailures"/> consecutive failures the subscription is
/// parked until replayed. At least once: a kill after the POST and before the cursor moved sends the batch
/// again, with the same change ids and the same delivery id. Retry times use the wall clock, not the register's.
/// </summary>
public sealed partial class WebhookDispatcher(IPropagationStore store, TimeProvider time, IOptions<PropagationOptions> options, ILogger<WebhookDispatcher> log) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private Instant Now => Instant.FromDateTimeOffset(time.GetUtcNow());

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var poll = TimeSpan.FromSeconds(Math.Max(0.01, o.DispatchPollSeconds));
        while (!cancellationToken.IsCancellationRequested)
        {
            IReadOnlyList<WebhookRecord> due;
            try
            {
                due = await store.DueWebhooksAsync(Now, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogStoreFailed(log, e is StoreException ? e.Message : e.GetType().FullName ?? "error");
                await Task.Delay(poll * 5, cancellationToken);
                continue;
            }

            if (due.Count == 0)
            {
                await Task.Delay(poll, cancellationToken);
                continue;
            }

            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.WebhookParallelism), CancellationToken = cancellationToken },
                async (webhook, token) => await DrainAsync(webhook.Id, token));
        }
    }

    /// <summary>Delivers batches to one subscription while they succeed (at most a few in a row, so others get their turn).</summary>
    private async Task DrainAsync(string webhookId, CancellationToken cancellationToken)
    {
        for (var round = 0; round < 20 && !cancellationToken.IsCancellationRequested; round++)
        {
            try
            {
                if (!await DeliverOnceAsync(webhookId, cancellationToken))
                {
                    return;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogStoreFailed(log, e is StoreException ? e.Message : e.GetType().FullName ?? "error");
                return;
            }
        }
    }

    /// <summary>One batch to one subscription; true when it was delivered and more may follow.</summary>
    public async Task<bool> DeliverOnceAsync(string webhookId, CancellationToken cancellationToken)
    {
        var o = options.Value;
        await using var delivery = await store.BeginDeliveryAsync(webhookId, Math.Max(1, o.WebhookBatch), cancellationToken);
        if (delivery is null)
        {
            return false;
        }

        var webhook = delivery.Webhook;
        var body = Body(webhook.Id, delivery.Items);
        string? error;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(0.1, o.WebhookTimeoutSeconds)));
            using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Sign(webhook.Secret, time.GetUtcNow().ToUnixTimeSeconds(), body));
            request.Headers.TryAddWithoutValidation("Muster-Webhook-Id", webhook.Id);
            request.Headers.TryAddWithoutValidation("Muster-Delivery", DeliveryId(webhook.Id, delivery.Items));
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Muster", "1"));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"no answer within {o.WebhookTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s";
        }
        catch (HttpRequestException e)
        {
            error = e.HttpRequestError.ToString();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = e.GetType().Name;
        }

        var now = Now;
        if (error is null)
        {
            await delivery.SucceededAsync(now, cancellationToken);
            return true;
        }

        var failures = webhook.Failures + 1;
        var park = failures >= Math.Max(1, o.MaxFailures);
        await delivery.FailedAsync(now, now + Duration.FromTimeSpan(Backoff.FullJitter(failures, o.BackoffBaseSeconds, o.BackoffMaxSeconds)), park, error, cancellationToken);
        MusterMetrics.WebhookFailed(webhook.Agency, park);
        if (park)
        {
            LogParked(log, webhook.Id, failures, error);
        }
        else
        {
            LogFailed(log, webhook.Id, failures, error);
        }

        return false;
    }

    /// <summary>{"webhookId":...,"changes":[payload, ...],"next":SEQ}: the stored payloads verbatim.</summary>
    public static byte[] Body(string webhookId, IReadOnlyList<OutboxItem> items)
    {
        var text = new StringBuilder(items.Count * 480 + 64);
        text.Append("{\"webhookId\":\"").Append(webhookId).Append("\",\"changes\":[");
        for (var i = 0; i < items.Count; i++)
        {
            text.Append(i == 0 ? "" : ",").Append(items[i].Payload);
        }

        text.Append("],\"next\":").Append(items[^1].Seq.ToString(CultureInfo.InvariantCulture)).Append('}');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The same batch always has the same delivery id: WEBHOOK:FIRST-LAST.</summary>
    public static string DeliveryId(string webhookId, IReadOnlyList<OutboxItem> items) =>
        string.Create(CultureInfo.InvariantCulture, $"{webhookId}:{items[0].Seq}-{items[^1].Seq}");

    public void Dispose() => _http.Dispose();

    [LoggerMessage(LogLevel.Warning, "webhooks: store error, will retry: {Reason}")]
    private static partial void LogStoreFailed(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Information, "webhook {Id}: delivery failed ({Error}), {Failures} in a row; will retry")]
    private static partial void LogFailed(ILogger logger, string id, int failures, string error);

    [LoggerMessage(LogLevel.Warning, "webhook {Id}: parked after {Failures} failures in a row ({Error}); POST /api/webhooks/{Id}/replay resumes it")]
    private static partial void LogParked(ILogger logger, string id, int failures, string error);
}
