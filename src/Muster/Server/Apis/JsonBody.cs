using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;

namespace Muster.Cli.Server.Apis;

/// <summary>
/// A JSON body read and a JSON answer written by hand, for the endpoint border posts call thousands of
/// times a second (<see cref="BorderApi"/>). Minimal APIs' binding does the same through several layers
/// of asynchronous state machines per request; here the body, which nearly always came in with the
/// headers, is parsed in one synchronous call, and the answer goes out in one piece with its length.
/// The API's own serializer options apply (camelCase, unknown members refused, depth limit), and a bad
/// body throws what minimal APIs throw, so <see cref="Problems.ApiExceptionHandler"/> answers it the same
/// way: 400 naming the JSON path, 413 over the size limit, 415 for another media type.
/// </summary>
public sealed class JsonBody(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> options)
{
    // The writer is made with one instance's options; a test process may host servers with others.
    [ThreadStatic]
    private static (JsonSerializerOptions Options, ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Json)? t_answer;

    private readonly JsonSerializerOptions _options = options.Value.SerializerOptions;

    public JsonTypeInfo<T> TypeOf<T>() => (JsonTypeInfo<T>)_options.GetTypeInfo(typeof(T));

    /// <summary>The whole body as a <typeparamref name="T"/>; throws <see cref="BadHttpRequestException"/> when it is missing, not JSON, or not a <typeparamref name="T"/>.</summary>
    public static async ValueTask<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException($"Expected a supported JSON media type but got \"{request.ContentType}\".", StatusCodes.Status415UnsupportedMediaType);
        }

        var reader = request.BodyReader;
        ReadResult read;
        while (true)
        {
            // Kestrel throws a 413 BadHttpRequestException here when the body is over the limit.
            read = await reader.ReadAsync(request.HttpContext.RequestAborted);
            if (read.IsCompleted || read.IsCanceled)
            {
                break;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }

        try
        {
            var body = read.Buffer;
            T? value;
            try
            {
                value = body.IsSingleSegment ? JsonSerializer.Deserialize(body.FirstSpan, type) : JsonSerializer.Deserialize(body.ToArray(), type);
            }
            catch (JsonException e) when (!body.IsEmpty)
            {
                throw new BadHttpRequestException($"Failed to read parameter \"{typeof(T).Name} body\" from the request body as JSON.", e);
            }
            catch (JsonException)
            {
                value = null;
            }

            return value ?? throw new BadHttpRequestException($"Required parameter \"{typeof(T).Name} body\" was not provided from body.");
        }
        finally
        {
            reader.AdvanceTo(read.Buffer.End);
        }
    }

    /// <summary>Sends <paramref name="value"/> as the whole answer, 200, with its length.</summary>
    public void Write<T>(HttpResponse response, T value, JsonTypeInfo<T> type)
    {
        if (t_answer?.Options != _options)
        {
            t_answer = (_options, new ArrayBufferWriter<byte>(512), new Utf8JsonWriter(Stream.Null, new JsonWriterOptions
            {
                Encoder = _options.Encoder,
                Indented = _options.WriteIndented,
                MaxDepth = _options.MaxDepth,
            }));
        }

        var (_, buffer, json) = t_answer.Value;
        buffer.ResetWrittenCount();
        json.Reset(buffer);
        JsonSerializer.Serialize(json, value, type);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.WrittenCount;
        // A copy into the response's pipe, sent when the request ends: this thread's buffer is free again at once.
        response.BodyWriter.Write(buffer.WrittenSpan);
    }
}
