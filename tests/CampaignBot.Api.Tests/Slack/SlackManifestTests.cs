using System.Text.Json.Nodes;
using CampaignBot.Conversations;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Slack;

/// <summary>manifests/slack/manifest.json, the app a workspace installs, must match what the service serves and needs (S7).</summary>
public sealed class SlackManifestTests
{
    // Bot scopes by what the service does with Slack (api.slack.com/methods/*, "Required scopes").
    private static readonly Dictionary<string, string> ScopeFor = new(StringComparer.Ordinal)
    {
        ["chat.postMessage, chat.update, chat.postEphemeral (cards, answers, notices)"] = "chat:write",
        ["the /campaign slash command"] = "commands",
        ["users.info (who a Slack user is)"] = "users:read",
        ["users.info profile email (people matched by email)"] = "users:read.email",
        ["conversations.open (direct messages)"] = "im:write",
        ["app_mention events"] = "app_mentions:read",
        ["message.im events"] = "im:history",
        ["files.getUploadURLExternal, files.completeUploadExternal (the results chart)"] = "files:write",
    };

    private static readonly JsonObject Manifest = JsonNode.Parse(File.ReadAllText(ManifestFile()))!.AsObject();

    private static JsonObject SlashCommand => Assert.Single(Manifest["features"]!["slash_commands"]!.AsArray())!.AsObject();

    [Fact]
    public async Task Every_request_url_is_a_slack_endpoint_the_service_maps_and_every_slack_endpoint_is_used()
    {
        await using var factory = new CampaignBotFactory();
        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .ToHashSet(StringComparer.Ordinal);
        var urls = Urls(Manifest).ToList();

        Assert.Equal(4, urls.Count);
        Assert.All(urls, url =>
        {
            // HOST is the placeholder the README tells people to replace with their public host name.
            Assert.StartsWith("https://HOST/", url.Value, StringComparison.Ordinal);
            Assert.Contains(new Uri(url.Value).AbsolutePath, mapped);
        });
        Assert.Equal(["/slack/commands", "/slack/events", "/slack/interactions"], urls.Select(u => new Uri(u.Value).AbsolutePath).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["/slack/commands", "/slack/events", "/slack/interactions"], mapped.Where(p => p.StartsWith("/slack/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_slash_command_is_campaign_and_posts_to_the_commands_endpoint()
    {
        Assert.Equal("/campaign", SlashCommand["command"]!.GetValue<string>());
        Assert.Equal("https://HOST/slack/commands", SlashCommand["url"]!.GetValue<string>());
        Assert.False(SlashCommand["should_escape"]!.GetValue<bool>());
    }

    [Fact]
    public void The_bot_scopes_include_every_scope_the_service_uses()
    {
        var scopes = Manifest["oauth_config"]!["scopes"]!["bot"]!.AsArray().Select(s => s!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

        Assert.All(ScopeFor, need => Assert.True(scopes.Contains(need.Value), $"{need.Key} needs the {need.Value} scope"));
    }

    [Fact]
    public void The_events_are_the_ones_the_events_endpoint_answers_and_interactivity_is_on()
    {
        var settings = Manifest["settings"]!;

        Assert.Equal(["app_mention", "message.im"], settings["event_subscriptions"]!["bot_events"]!.AsArray().Select(e => e!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.True(settings["interactivity"]!["is_enabled"]!.GetValue<bool>());
        Assert.True(Manifest["features"]!["app_home"]!["messages_tab_enabled"]!.GetValue<bool>());
        Assert.False(settings["socket_mode_enabled"]!.GetValue<bool>());
    }

    [Fact]
    public void Texts_are_within_slacks_manifest_limits()
    {
        var display = Manifest["display_information"]!;

        Assert.InRange(display["name"]!.GetValue<string>().Length, 1, 35);
        Assert.InRange(display["description"]!.GetValue<string>().Length, 1, 140);
        Assert.InRange(display["long_description"]?.GetValue<string>().Length ?? 0, 0, 4000);
        Assert.InRange(Manifest["features"]!["bot_user"]!["display_name"]!.GetValue<string>().Length, 1, 80);
        Assert.InRange(SlashCommand["command"]!.GetValue<string>().Length, 2, 32);
        Assert.InRange(SlashCommand["usage_hint"]!.GetValue<string>().Length, 1, 1000);
    }

    [Fact]
    public async Task The_usage_hint_lists_every_command_the_conversation_core_registers()
    {
        await using var factory = new CampaignBotFactory();
        using var scope = factory.Services.CreateScope();
        var verbs = scope.ServiceProvider.GetServices<IChatCommand>().Select(c => c.Verb).ToList();
        var hinted = SlashCommand["usage_hint"]!.GetValue<string>().Split('|', StringSplitOptions.TrimEntries);

        Assert.NotEmpty(verbs);
        Assert.Contains("help", hinted);
        Assert.All(verbs, verb => Assert.True(
            hinted.Any(h => h == verb || h.StartsWith(verb + " ", StringComparison.Ordinal)),
            $"'{verb}' is missing from the usage hint: {string.Join(" | ", hinted)}"));
    }

    private static IEnumerable<KeyValuePair<string, string>> Urls(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Value is JsonValue v && p.Key.EndsWith("url", StringComparison.Ordinal) ? [KeyValuePair.Create(p.Key, v.GetValue<string>())] : Urls(p.Value)),
        JsonArray a => a.SelectMany(Urls),
        _ => [],
    };

    private static string ManifestFile()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "manifests", "slack", "manifest.json")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new FileNotFoundException("manifests/slack/manifest.json is not above the test folder."), "manifests", "slack", "manifest.json");
    }
}
