using System.Net.Http.Headers;
using System.Text.Json;
using CampaignBot.Delivery.Connectors.Http;

namespace CampaignBot.Delivery.Connectors.MetaAds;

/// <summary>
/// The body of one /users call: {"payload":{"schema":[…],"data":[[…],…]},"session":{"session_id","batch_seq","last_batch_flag"}},
/// empty values as "".
/// </summary>
/// <remarks>
/// A call carries 10,000 rows of five 64-character hashes (about 3 MB), so the body is written by a Utf8JsonWriter
/// straight into a rented buffer and sent from it, with no object graph, serializer or copy per call.
/// Dispose (after the send) returns the buffer.
/// </remarks>
internal sealed class MetaUsersPayload : IDisposable
{
    private static readonly JsonEncodedText PayloadName = JsonEncodedText.Encode("payload");
    private static readonly JsonEncodedText SchemaName = JsonEncodedText.Encode("schema");
    private static readonly JsonEncodedText DataName = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText SessionName = JsonEncodedText.Encode("session");
    private static readonly JsonEncodedText SessionIdName = JsonEncodedText.Encode("session_id");
    private static readonly JsonEncodedText BatchSeqName = JsonEncodedText.Encode("batch_seq");
    private static readonly JsonEncodedText LastBatchName = JsonEncodedText.Encode("last_batch_flag");
    private readonly RentedBuffer _body = new();

    public MetaUsersPayload(IReadOnlyList<string> schema, IReadOnlyList<string?[]> rows, long sessionId, int sequence)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(rows);
        using var json = new Utf8JsonWriter(_body);
        json.WriteStartObject();
        json.WriteStartObject(PayloadName);
        json.WriteStartArray(SchemaName);
        foreach (var key in schema)
        {
            json.WriteStringValue(key);
        }

        json.WriteEndArray();
        json.WriteStartArray(DataName);
        foreach (var row in rows)
        {
            json.WriteStartArray();
            foreach (var value in row)
            {
                json.WriteStringValue(value ?? "");
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        // The pipeline does not say which batch is the last, so none claims to be; /users adds rows as they come.
        json.WriteStartObject(SessionName);
        json.WriteNumber(SessionIdName, sessionId);
        json.WriteNumber(BatchSeqName, sequence);
        json.WriteBoolean(LastBatchName, false);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The body as request content; valid until this payload is disposed.</summary>
    public HttpContent Content() =>
        new ReadOnlyMemoryContent(_body.Written) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } };

    public void Dispose() => _body.Dispose();
}
