using System.Text.Json.Nodes;
using CampaignBot.Chat.Slack;
using Microsoft.AspNetCore.Http;
using CampaignBot.Chat.Slack.BlockKit;

namespace CampaignBot.Chat.Slack.Tests.Fakes;

/// <summary>response_urls FakeSlack hands out: no token needed, each usable 5 times (S3).</summary>
public sealed partial class FakeSlack
{
    public const int ResponseUrlUses = 5;

    private readonly Dictionary<string, int> _responseUrls = new(StringComparer.Ordinal);

    /// <summary>A response_url to put in an interaction payload; posts to it are recorded as method "response_url".</summary>
    public Uri NewResponseUrl()
    {
        lock (_lock)
        {
            var id = $"T0FAKE/{++_sequence}/{Guid.NewGuid():N}".Replace('/', '-');
            _responseUrls[id] = 0;
            return new Uri(BaseAddress, $"response/{id}");
        }
    }

    private async Task<IResult> HandleResponseUrlAsync(HttpContext context, string id)
    {
        var body = await ReadJsonAsync(context.Request);
        string? error;
        lock (_lock)
        {
            error = !_responseUrls.TryGetValue(id, out var uses) ? "no_such_url"
                : uses >= ResponseUrlUses ? "used_url"
                : body is null ? "invalid_json"
                : null;
            if (error is null)
            {
                _responseUrls[id] = uses + 1;
            }
        }

        var violations = error is null ? BlockKitLimits.CheckMessage(body!) : [];
        error ??= violations.Count > 0 ? "invalid_blocks" : null;
        Record("response_url", body ?? [], context.Request, error);
        return error switch
        {
            null => Results.Text(new JsonObject { ["ok"] = true }.ToJsonString(), "application/json"),
            "no_such_url" or "used_url" => Results.Text(error, statusCode: StatusCodes.Status404NotFound),
            _ => Results.Text(Error(error, violations.Select(v => $"[ERROR] {v.Rule} [json-pointer:{v.Path}]")).ToJsonString(), "application/json", statusCode: StatusCodes.Status400BadRequest),
        };
    }
}
