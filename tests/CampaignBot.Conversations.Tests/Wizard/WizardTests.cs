using CampaignBot.Conversations;
using CampaignBot.Conversations.Tests.Harness;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Conversations.Tests.Wizard;

public sealed class WizardTests
{
    [Fact]
    public async Task The_wizard_builds_a_campaign_step_by_step_and_saves_it_as_a_draft()
    {
        await using var host = await ConversationHost.StartAsync();

        var basics = (await host.SayAsync("maya", "new")).Form();
        Assert.Equal(["name", "description", "type", "audience.include", "audience.exclude"], basics.Fields.Select(f => f.Id));
        Assert.Contains(((ChoiceField)basics.Fields[3]).Choices, c => c.Value == "Loyalty members");

        var sub = (await host.SubmitAsync("maya", basics, ("name", ["Chat spring sale"]), ("type", ["one-time"]), ("audience.include", ["Loyalty members"]), ("audience.exclude", ["Email opt-outs"]))).Form();
        Assert.Equal("subAudiences[0].name", sub.Fields[0].Id);

        var groups = (await host.SubmitAsync("maya", sub, ("subAudiences[0].name", ["Everyone"]), ("subAudiences[0].segment", ["*"]), ("subAudiences[0].controlPercent", ["20"]), ("groupCount", ["2"]))).Form();
        Assert.Equal(7, groups.Fields.Count);
        Assert.Equal("40", ((TextField)groups.Fields[1]).Initial);

        var attributes = (await host.SubmitAsync(
            "maya", groups,
            ("subAudiences[0].groups[0].name", ["Email A"]), ("subAudiences[0].groups[0].percent", ["40"]), ("subAudiences[0].groups[0].destinations", ["outbox"]),
            ("subAudiences[0].groups[1].name", ["Email B"]), ("subAudiences[0].groups[1].percent", ["40"]), ("subAudiences[0].groups[1].destinations", ["outbox"]),
            ("another", ["no"]))).Form();
        Assert.Equal("subAudiences[0].groups[0].destinations[0].attributes", attributes.Fields[0].Id);
        Assert.Contains("takes any attribute", attributes.Fields[0].Hint, StringComparison.Ordinal);

        var schedule = (await host.SubmitAsync(
            "maya", attributes,
            ("subAudiences[0].groups[0].destinations[0].attributes", ["customer_id, email"]),
            ("subAudiences[0].groups[1].destinations[0].attributes", [""]))).Form();
        var review = (await host.SubmitAsync("maya", schedule, ("schedule.launch", ["asap"]), ("schedule.timeZone", ["Europe/London"]))).Form();
        Assert.Contains("Email A 40% → outbox (customer_id, email)", string.Join('\n', review.Intro.OfType<BulletList>().SelectMany(b => b.Items)), StringComparison.Ordinal);

        var done = await host.SubmitAsync("maya", review);

        var created = Assert.IsType<ChatReply.Close>(done).Message!;
        Assert.Contains("Draft Chat spring sale created", created.Text(), StringComparison.Ordinal);
        var campaign = host.Campaigns.Find(new CampaignBot.App.Campaigns.CampaignQuery { Search = "Chat spring sale" }, host.Maya).Unwrap().Items.Single();
        Assert.Equal(20m, campaign.Draft.SubAudiences![0].ControlPercent);
        Assert.Equal("Europe/London", campaign.Draft.Schedule!.TimeZone);
        Assert.Equal(["customer_id", "email"], campaign.Draft.SubAudiences[0].Groups![0].Destinations![0].Attributes!.Select(a => a.Name));
        Assert.Null(campaign.Draft.SubAudiences[0].Groups![1].Destinations![0].Attributes);
        Assert.Contains(created.Buttons(), b => b.ActionId == ChatActions.Submit && b.Value == campaign.Id.ToString());
    }

    [Fact]
    public async Task Each_step_shows_the_validators_problems_beside_the_fields_and_keeps_the_step()
    {
        await using var host = await ConversationHost.StartAsync();
        var basics = (await host.SayAsync("maya", "new")).Form();

        var missing = await host.SubmitAsync("maya", basics, ("name", [""]), ("type", ["one-time"]), ("audience.include", []));
        var sub = (await host.SubmitAsync("maya", basics, ("name", ["Percent trouble"]), ("type", ["one-time"]), ("audience.include", ["Loyalty members"]))).Form();
        var groups = (await host.SubmitAsync("maya", sub, ("subAudiences[0].name", ["Everyone"]), ("subAudiences[0].segment", ["*"]), ("subAudiences[0].controlPercent", ["ten"]), ("groupCount", ["1"])));
        var fixedSub = (await host.SubmitAsync("maya", sub, ("subAudiences[0].name", ["Everyone"]), ("subAudiences[0].segment", ["*"]), ("subAudiences[0].controlPercent", ["10"]), ("groupCount", ["1"]))).Form();
        var sums = await host.SubmitAsync(
            "maya", fixedSub, ("subAudiences[0].groups[0].name", ["Email"]), ("subAudiences[0].groups[0].percent", ["80"]), ("subAudiences[0].groups[0].destinations", ["outbox"]), ("another", ["no"]));

        var basicErrors = Assert.IsType<ChatReply.FieldErrors>(missing).Errors;
        Assert.Contains("name", basicErrors.Keys);
        Assert.Contains("audience.include", basicErrors.Keys);
        Assert.Equal("Type a number between 0 and 100, such as 10 or 12.5.", Assert.IsType<ChatReply.FieldErrors>(groups).Errors["subAudiences[0].controlPercent"]);
        Assert.Contains("add up to 90%", Assert.IsType<ChatReply.FieldErrors>(sums).Errors["subAudiences[0].groups[0].percent"], StringComparison.Ordinal);
        Assert.Empty(host.Campaigns.List(host.Maya));
    }

    [Fact]
    public async Task Only_marketers_start_the_wizard_and_only_its_owner_continues_it()
    {
        await using var host = await ConversationHost.StartAsync();

        var viewer = (await host.SayAsync("vic", "new")).Message().Text();
        var basics = (await host.SayAsync("maya", "new")).Form();
        var hijack = await host.SubmitAsync("ada", basics, ("name", ["Not mine"]), ("type", ["one-time"]), ("audience.include", ["Loyalty members"]));

        Assert.Contains("Only marketers create campaigns", viewer, StringComparison.Ordinal);
        Assert.Contains("This wizard has expired", hijack.Message().Text(), StringComparison.Ordinal);
    }
}
