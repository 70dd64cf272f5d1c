using CampaignBot.Api.Tests.Conversations;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Chat.Slack.BlockKit;
using CampaignBot.Conversations;

namespace CampaignBot.Api.Tests.Slack;

/// <summary>The wizard's review step as a Slack modal, with its Remove buttons and their confirmations.</summary>
public sealed class SlackWizardReviewTests
{
    [Fact]
    public async Task The_review_step_with_remove_buttons_fits_Block_Kit_limits()
    {
        await using var host = new LifecycleHost();
        var basics = (await host.SayAsync("maya", "new")).Form();
        var sub = (await host.SubmitAsync("maya", basics, ("name", ["Remove one"]), ("type", ["one-time"]), ("audience.include", ["Loyalty members"]))).Form();
        var groups = (await host.SubmitAsync("maya", sub, Sub(0, "VIPs", "High CLV"))).Form();
        var attributes = (await host.SubmitAsync("maya", groups, [.. Group(0, "VIP email"), ("another", ["yes"])])).Form();
        var secondSub = (await host.SubmitAsync("maya", attributes)).Form();
        var secondGroups = (await host.SubmitAsync("maya", secondSub, Sub(1, "Everyone else", "*"))).Form();
        var secondAttributes = (await host.SubmitAsync("maya", secondGroups, [.. Group(1, "Rest email"), ("another", ["no"])])).Form();
        var schedule = (await host.SubmitAsync("maya", secondAttributes)).Form();
        var review = (await host.SubmitAsync("maya", schedule, ("schedule.launch", ["asap"]), ("schedule.timeZone", ["UTC"]))).Form();

        Assert.Equal([ChatActions.WizardBack, ChatActions.WizardRemove, ChatActions.WizardRemove], review.Buttons.Select(b => b.ActionId));
        Assert.Empty(BlockKitLimits.CheckView(SlackBlockKit.Modal(review)));
    }

    private static (string, string[])[] Sub(int index, string name, string segment) =>
        [($"subAudiences[{index}].name", [name]), ($"subAudiences[{index}].segment", [segment]), ($"subAudiences[{index}].controlPercent", ["10"]), ("groupCount", ["1"])];

    private static (string, string[])[] Group(int sub, string name) =>
    [
        ($"subAudiences[{sub}].groups[0].name", [name]),
        ($"subAudiences[{sub}].groups[0].percent", ["90"]),
        ($"subAudiences[{sub}].groups[0].destinations", ["outbox"]),
    ];
}
