using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CampaignBot.Chat.Slack.Tests.Fakes;

/// <summary>
/// Slack's external upload, as documented: files.getUploadURLExternal (form-encoded filename and length) answers an
/// upload_url and file_id; the bytes are POSTed to the upload_url, exactly length of them; files.completeUploadExternal
/// (form-encoded files=[{"id","title"}], channel_id, optional thread_ts) shares the uploaded files. Anything out of
/// that order fails as Slack fails it.
/// </summary>
public sealed partial class FakeSlack
{
    private readonly Dictionary<string, PendingUpload> _uploads = new(StringComparer.Ordinal);
    private readonly List<SharedFile> _shared = [];

    /// <summary>Files completed into a conversation, in order.</summary>
    public IReadOnlyList<SharedFile> SharedFiles
    {
        get
        {
            lock (_lock)
            {
                return [.. _shared];
            }
        }
    }

    private JsonObject GetUploadUrl(JsonObject body, string? contentType)
    {
        if (!IsForm(contentType))
        {
            return Error("invalid_arguments", ["files.getUploadURLExternal takes application/x-www-form-urlencoded arguments"]);
        }

        if (Str(body, "filename").Length == 0 || !int.TryParse(Str(body, "length"), NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length <= 0)
        {
            return Error("invalid_arguments", ["filename and a positive length are required"]);
        }

        var id = $"F{++_sequence:D8}";
        _uploads[id] = new PendingUpload(Str(body, "filename"), length);
        return new JsonObject { ["ok"] = true, ["upload_url"] = new Uri(BaseAddress, $"upload/{id}").AbsoluteUri, ["file_id"] = id };
    }

    private async Task<IResult> HandleUploadAsync(HttpContext context, string id)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        lock (_lock)
        {
            _calls.Add(new FakeSlackCall("upload_url", new JsonObject { ["file_id"] = id, ["bytes"] = buffer.Length }, context.Request.ContentType, null, null, _time.GetUtcNow()));
            if (!_uploads.TryGetValue(id, out var pending) || pending.Bytes is not null)
            {
                return Results.NotFound();
            }

            if (buffer.Length != pending.Length)
            {
                return Results.BadRequest($"expected {pending.Length} bytes, got {buffer.Length}");
            }

            _uploads[id] = pending with { Bytes = buffer.ToArray() };
            return Results.Text($"OK - {buffer.Length}");
        }
    }

    private JsonObject CompleteUpload(JsonObject body, string? contentType)
    {
        if (!IsForm(contentType))
        {
            return Error("invalid_arguments", ["files.completeUploadExternal takes application/x-www-form-urlencoded arguments"]);
        }

        JsonArray? files;
        try
        {
            files = JsonNode.Parse(Str(body, "files")) as JsonArray;
        }
        catch (JsonException)
        {
            files = null;
        }

        if (files is null || files.Count == 0)
        {
            return Error("invalid_arguments", ["files must be a JSON array of {id, title}"]);
        }

        var channel = Str(body, "channel_id");
        var completed = new JsonArray();
        foreach (var file in files.OfType<JsonObject>())
        {
            var id = Str(file, "id");
            if (!_uploads.TryGetValue(id, out var pending) || pending.Bytes is null)
            {
                return Error("file_not_found");
            }

            _uploads.Remove(id);
            var thread = body["thread_ts"] is null ? null : Str(body, "thread_ts");
            _shared.Add(new SharedFile(id, pending.FileName, Str(file, "title"), channel, thread, pending.Bytes));
            completed.Add(new JsonObject { ["id"] = id, ["title"] = Str(file, "title") });
        }

        return new JsonObject { ["ok"] = true, ["files"] = completed };
    }

    private static bool IsForm(string? contentType) => contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    private static async Task<JsonObject> ReadFormAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        return new JsonObject(form.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)JsonValue.Create(f.Value.ToString()))));
    }

    private sealed record PendingUpload(string FileName, int Length, byte[]? Bytes = null);
}

/// <summary>A file files.completeUploadExternal shared: where, under which title, and its bytes.</summary>
public sealed record SharedFile(string Id, string FileName, string Title, string ChannelId, string? ThreadTs, byte[] Bytes);
