using CampaignBot.Chat.Slack;
using CampaignBot.Chat.Slack.Tests.Fakes;
using CampaignBot.Chat.Slack.Protocol;
using CampaignBot.Chat.Slack.WebApi;

namespace CampaignBot.Bench.Slack;

/// <summary>
/// The service's own Program on Kestrel at 127.0.0.1 (a real socket, so the HTTP stack is measured), on embedded
/// defaults in a temporary folder, with Slack pointed at the loopback fake and one person known by a Slack id.
/// </summary>
internal sealed class SlackAckService : BenchService
{
    public const string SigningSecret = "bench-signing-secret-0123456789abcdef";
    public const string SlackUser = "UBENCHMAYA";

    private SlackAckService(string folder, long customers, FakeSlack slack)
        : base(folder, customers, new Dictionary<string, string?>
        {
            ["Users:People:0:Id"] = "maya",
            ["Users:People:0:Name"] = "Maya Marketer",
            ["Users:People:0:Roles:0"] = "marketer",
            ["Users:People:0:SlackUserIds:0"] = SlackUser,
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:BotToken"] = slack.BotToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            ["Slack:ApprovalsChannel"] = "CAPPROVALS",
        })
    {
    }

    public static SlackAckService Start(string folder, long customers, FakeSlack slack) => Listen(new SlackAckService(folder, customers, slack));
}
