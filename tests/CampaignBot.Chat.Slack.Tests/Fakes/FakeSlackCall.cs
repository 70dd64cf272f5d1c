using System.Text.Json.Nodes;

namespace CampaignBot.Chat.Slack.Tests.Fakes;

/// <summary>One request that reached <see cref="FakeSlack"/>: the method ("chat.postMessage", or "response_url"), its arguments and the answer.</summary>
/// <param name="Error">Slack's error code when the fake answered ok:false (or 429 "ratelimited"); null when ok.</param>
/// <param name="At">When it arrived, on the fake's TimeProvider.</param>
/// <param name="Response">What the fake answered (e.g. the posted message's ts), when it answered with JSON.</param>
public sealed record FakeSlackCall(string Method, JsonObject Body, string? ContentType, string? Authorization, string? Error, DateTimeOffset At, JsonObject? Response = null);
