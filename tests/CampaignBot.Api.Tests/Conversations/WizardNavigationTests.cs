using CampaignBot.Conversations;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Api.Tests.Conversations;

/// <summary>Moving through the wizard: "another sub-audience?" defaults, Back on every step, Remove on the review, one draft per wizard.</summary>
public sealed class WizardNavigationTests
{
    [Fact]
    public async Task After_adding_another_sub_audience_the_next_one_asks_again_starting_at_no()
    {
        await using var host = new LifecycleHost();
        var groups = await FirstGroupsAsync(host, "Two parts");

        var attributes = (await host.SubmitAsync("maya", groups, [.. Group(0, "VIP email"), Another("yes")])).Form();
        var secondSub = (await host.SubmitAsync("maya", attributes)).Form();
        var secondGroups = (await host.SubmitAsync("maya", secondSub, Sub(1, "Everyone else", "*"))).Form();

        Assert.Equal(["no"], Choice(groups, "another").Initial);
        Assert.Equal(["no"], Choice(secondGroups, "another").Initial);
    }

    [Fact]
    public async Task Back_is_on_every_step_after_the_first_and_keeps_what_was_entered()
    {
        await using var host = new LifecycleHost();
        var basics = (await host.SayAsync("maya", "new")).Form();
        var sub = (await host.SubmitAsync("maya", basics, Basics("Back and forth"))).Form();
        var groups = (await host.SubmitAsync("maya", sub, Sub(0, "Loyal", "Loyalty members", control: "20"))).Form();

        // Back from the groups step keeps the group typed there, unsubmitted.
        var subAgain = (await host.ClickInFormAsync("maya", groups, Back(groups), [.. Group(0, "Typed, not submitted"), Another("no")])).Form();
        var basicsAgain = (await host.ClickInFormAsync("maya", subAgain, Back(subAgain))).Form();
        var subForward = (await host.SubmitAsync("maya", basicsAgain, Basics("Back and forth"))).Form();
        var groupsForward = (await host.SubmitAsync("maya", subForward, Sub(0, "Loyal", "Loyalty members", control: "20"))).Form();

        Assert.Empty(basics.Buttons);
        Assert.All(new[] { sub, groups, subAgain }, form => Assert.Equal(ChatActions.WizardBack, Assert.Single(form.Buttons).ActionId));
        Assert.Equal("Loyal", Text(subAgain, "subAudiences[0].name").Initial);
        Assert.Equal("20", Text(subAgain, "subAudiences[0].controlPercent").Initial);
        Assert.Equal("Back and forth", Text(basicsAgain, "name").Initial);
        Assert.Equal(["Loyalty members"], Choice(basicsAgain, "audience.include").Initial);
        Assert.Equal("Typed, not submitted", Text(groupsForward, "subAudiences[0].groups[0].name").Initial);
    }

    [Fact]
    public async Task Back_from_a_later_sub_audience_reaches_the_earlier_ones_steps_and_the_schedule_goes_back_to_the_last()
    {
        await using var host = new LifecycleHost();
        var groups = await FirstGroupsAsync(host, "Two subs back");
        var attributes = (await host.SubmitAsync("maya", groups, [.. Group(0, "VIP email"), Another("yes")])).Form();
        var secondSub = (await host.SubmitAsync("maya", attributes)).Form();

        var firstAttributes = (await host.ClickInFormAsync("maya", secondSub, Back(secondSub), Sub(1, "Everyone else", "*"))).Form();
        var firstGroups = (await host.ClickInFormAsync("maya", firstAttributes, Back(firstAttributes))).Form();
        var againAttributes = (await host.SubmitAsync("maya", firstGroups, [.. Group(0, "VIP email"), Another("yes")])).Form();
        var againSecond = (await host.SubmitAsync("maya", againAttributes)).Form();
        var secondGroups = (await host.SubmitAsync("maya", againSecond, Sub(1, "Everyone else", "*"))).Form();
        var secondAttributes = (await host.SubmitAsync("maya", secondGroups, [.. Group(0, "Rest email", sub: 1), Another("no")])).Form();
        var schedule = (await host.SubmitAsync("maya", secondAttributes)).Form();
        var backToAttributes = (await host.ClickInFormAsync("maya", schedule, Back(schedule), ("schedule.launch", ["asap"]), ("schedule.timeZone", ["UTC"]))).Form();

        Assert.StartsWith("subAudiences[0].groups[0].destinations[0]", firstAttributes.Fields[0].Id, StringComparison.Ordinal);
        Assert.Equal(["yes"], Choice(firstGroups, "another").Initial);
        Assert.Equal("Everyone else", Text(againSecond, "subAudiences[1].name").Initial);
        Assert.StartsWith("subAudiences[1].groups[0].destinations[0]", backToAttributes.Fields[0].Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answering_no_more_sub_audiences_on_an_earlier_one_drops_the_later_ones()
    {
        await using var host = new LifecycleHost();
        var review = await ReviewWithTwoSubAudiencesAsync(host, "Dropped later");
        var schedule = (await host.ClickInFormAsync("maya", review, Back(review))).Form();
        var lastAttributes = (await host.ClickInFormAsync("maya", schedule, Back(schedule), ("schedule.launch", ["asap"]), ("schedule.timeZone", ["UTC"]))).Form();
        var lastGroups = (await host.ClickInFormAsync("maya", lastAttributes, Back(lastAttributes))).Form();
        var lastSub = (await host.ClickInFormAsync("maya", lastGroups, Back(lastGroups), [.. Group(0, "Rest email", sub: 1), Another("no")])).Form();
        var firstAttributes = (await host.ClickInFormAsync("maya", lastSub, Back(lastSub), Sub(1, "Everyone else", "*"))).Form();
        var firstGroups = (await host.ClickInFormAsync("maya", firstAttributes, Back(firstAttributes))).Form();

        Assert.Contains(Choice(firstGroups, "another").Choices, c => c.Value == "no" && c.Label.Contains("drop the 1 after this one", StringComparison.Ordinal));
        var attributes = (await host.SubmitAsync("maya", firstGroups, [.. Group(0, "VIP email"), Another("no")])).Form();
        var scheduleAgain = (await host.SubmitAsync("maya", attributes)).Form();
        var reviewAgain = (await host.SubmitAsync("maya", scheduleAgain, ("schedule.launch", ["asap"]), ("schedule.timeZone", ["UTC"]))).Form();
        await host.SubmitAsync("maya", reviewAgain);

        var campaign = host.Campaigns.Find(new CampaignBot.App.Campaigns.CampaignQuery { Search = "Dropped later" }, host.Maya).Unwrap().Items.Single();
        Assert.Equal(["VIPs"], campaign.Draft.SubAudiences!.Select(s => s.Name));
    }

    [Fact]
    public async Task The_review_step_removes_a_sub_audience_and_the_draft_is_created_without_it()
    {
        await using var host = new LifecycleHost();
        var review = await ReviewWithTwoSubAudiencesAsync(host, "Remove one");
        var removeVips = review.Buttons.Single(b => b.ActionId == ChatActions.WizardRemove && b.Label == "Remove VIPs");

        var afterRemove = (await host.ClickInFormAsync("maya", review, removeVips)).Form();
        var done = await host.SubmitAsync("maya", afterRemove);

        Assert.Equal([ChatActions.WizardBack, ChatActions.WizardRemove, ChatActions.WizardRemove], review.Buttons.Select(b => b.ActionId));
        Assert.Empty(CampaignBot.Chat.Slack.BlockKit.BlockKitLimits.CheckView(CampaignBot.Chat.Slack.BlockKit.SlackBlockKit.Modal(review)));
        Assert.NotNull(removeVips.Confirm);
        Assert.DoesNotContain("VIPs", string.Join('\n', afterRemove.Intro.OfType<BulletList>().SelectMany(b => b.Items)), StringComparison.Ordinal);
        Assert.DoesNotContain(afterRemove.Buttons, b => b.ActionId == ChatActions.WizardRemove);
        Assert.Contains("Draft Remove one created", done.Message().Text(), StringComparison.Ordinal);
        var campaign = host.Campaigns.Find(new CampaignBot.App.Campaigns.CampaignQuery { Search = "Remove one" }, host.Maya).Unwrap().Items.Single();
        Assert.Equal(["Everyone else"], campaign.Draft.SubAudiences!.Select(s => s.Name));
    }

    [Fact]
    public async Task A_form_for_a_step_the_wizard_has_left_is_not_applied_to_another_step()
    {
        await using var host = new LifecycleHost();
        var basics = (await host.SayAsync("maya", "new")).Form();
        var sub = (await host.SubmitAsync("maya", basics, Basics("Stale form"))).Form();

        var again = await host.SubmitAsync("maya", basics, Basics("Renamed by a stale form"));

        var shown = again.Form();
        Assert.Equal(sub.State, shown.State);
        Assert.Contains(shown.Intro.OfType<Notice>(), n => n.Text.Contains("moved on", StringComparison.Ordinal));
        Assert.Equal("Everyone", Text(shown, "subAudiences[0].name").Initial);
    }

    [Fact]
    public async Task A_create_draft_repeated_after_a_restart_points_to_the_draft_already_created()
    {
        var folder = Directory.CreateTempSubdirectory("campaignbot-wizard-").FullName;
        try
        {
            ChatForm review;
            await using (var first = new LifecycleHost(dataFolder: folder))
            {
                review = await ReviewWithTwoSubAudiencesAsync(first, "Survives a restart");
                await first.SubmitAsync("maya", review);
            }

            await using var second = new LifecycleHost(dataFolder: folder);
            var repeated = await second.SubmitAsync("maya", review);

            Assert.Contains("already created the draft Survives a restart", repeated.Message().Text(), StringComparison.Ordinal);
            Assert.Single(second.Campaigns.Find(new CampaignBot.App.Campaigns.CampaignQuery { Search = "Survives a restart" }, second.Maya).Unwrap().Items);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Create_draft_submitted_many_times_at_once_creates_one_draft_and_every_answer_names_it()
    {
        await using var host = new LifecycleHost();
        var review = await ReviewWithTwoSubAudiencesAsync(host, "Pressed twice");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => host.SubmitAsync("maya", review))));

        var campaign = Assert.Single(host.Campaigns.Find(new CampaignBot.App.Campaigns.CampaignQuery { Search = "Pressed twice" }, host.Maya).Unwrap().Items);
        Assert.All(answers, a => Assert.Contains(campaign.Id.ToString(), a.Message().Buttons().Select(b => b.Value)));
        Assert.Single(answers, a => a.Message().Text().Contains("Draft Pressed twice created", StringComparison.Ordinal));
    }

    private static async Task<ChatForm> FirstGroupsAsync(LifecycleHost host, string name)
    {
        var basics = (await host.SayAsync("maya", "new")).Form();
        var sub = (await host.SubmitAsync("maya", basics, Basics(name))).Form();
        return (await host.SubmitAsync("maya", sub, Sub(0, "VIPs", "High CLV"))).Form();
    }

    private static async Task<ChatForm> ReviewWithTwoSubAudiencesAsync(LifecycleHost host, string name)
    {
        var groups = await FirstGroupsAsync(host, name);
        var attributes = (await host.SubmitAsync("maya", groups, [.. Group(0, "VIP email"), Another("yes")])).Form();
        var secondSub = (await host.SubmitAsync("maya", attributes)).Form();
        var secondGroups = (await host.SubmitAsync("maya", secondSub, Sub(1, "Everyone else", "*"))).Form();
        var secondAttributes = (await host.SubmitAsync("maya", secondGroups, [.. Group(0, "Rest email", sub: 1), Another("no")])).Form();
        var schedule = (await host.SubmitAsync("maya", secondAttributes)).Form();
        return (await host.SubmitAsync("maya", schedule, ("schedule.launch", ["asap"]), ("schedule.timeZone", ["UTC"]))).Form();
    }

    private static (string, string[])[] Basics(string name) =>
        [("name", [name]), ("type", ["one-time"]), ("audience.include", ["Loyalty members"])];

    private static (string, string[])[] Sub(int index, string name, string segment, string control = "10") =>
        [($"subAudiences[{index}].name", [name]), ($"subAudiences[{index}].segment", [segment]), ($"subAudiences[{index}].controlPercent", [control]), ("groupCount", ["1"])];

    private static (string, string[])[] Group(int index, string name, int sub = 0) =>
    [
        ($"subAudiences[{sub}].groups[{index}].name", [name]),
        ($"subAudiences[{sub}].groups[{index}].percent", ["90"]),
        ($"subAudiences[{sub}].groups[{index}].destinations", ["outbox"]),
    ];

    private static (string, string[]) Another(string answer) => ("another", [answer]);

    private static ChatButton Back(ChatForm form) => form.Buttons.Single(b => b.ActionId == ChatActions.WizardBack);

    private static TextField Text(ChatForm form, string id) => (TextField)form.Fields.Single(f => f.Id == id);

    private static ChoiceField Choice(ChatForm form, string id) => (ChoiceField)form.Fields.Single(f => f.Id == id);
}
