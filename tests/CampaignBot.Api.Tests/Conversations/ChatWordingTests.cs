using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.Conversations.Cards;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Api.Tests.Slack;
using CampaignBot.Core.Audiences;
using CampaignBot.Core.Campaigns;

namespace CampaignBot.Api.Tests.Conversations;

/// <summary>Small things a person reads: echoes cut between whole characters, no empty phrases, numbers agreeing with their nouns.</summary>
public sealed class ChatWordingTests
{
    [Fact]
    public void An_unknown_command_is_echoed_cut_between_whole_characters()
    {
        var typed = new string('x', 59) + "👩‍💻 launch the rockets";

        var reply = HelpCard.For([], knownPerson: true, unknown: typed, CampaignBot.Chat.Slack.SlackSetup.Style).Text();

        Assert.Contains($"I don't know \"{new string('x', 59)}…\". Here is what I can do:", reply, StringComparison.Ordinal);
        Assert.DoesNotContain(reply, char.IsSurrogate);
    }

    [Fact]
    public async Task A_destination_without_default_attributes_says_so()
    {
        await using var host = new LifecycleHost();

        var reply = (await host.SayAsync("vic", "destinations")).Message();

        Assert.Contains("outbox (Local folder): takes any attribute; no default attributes", reply.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("default attributes ;", reply.Text(), StringComparison.Ordinal);
        Assert.Equal("1 destination", reply.Summary);
    }

    [Fact]
    public void A_lift_shown_as_one_point_is_one_point()
    {
        const long treated = 1_000_000;
        var control = Enumerable.Range(1_000, 10_000).First(c => LiftSensitivity.MinimumDetectableLift(c, treated) * 100 is > 1 and < 1.05);

        var warning = Warnings.Lift(new SubAudiencePreview("Everyone", control + treated, control, []));

        Assert.Contains("can only reveal a lift of 1 point or more", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_attribute_is_named_with_the_known_ones_not_the_internal_table()
    {
        await using var host = new LifecycleHost();

        var result = host.Campaigns.Create(TestDrafts.OneTime().Sending("customer_id", "emial"), host.Maya);

        var problems = Assert.IsType<ServiceResult<CampaignView>.Invalid>(result).Problems.Where(p => p.IsError).ToList();
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.Equal(
            "There is no attribute 'emial'. Did you mean 'email'? The attributes are customer_id, email, phone, given_name, surname, birthdate, gender, city, state, postal_code, country, idfa, aaid.",
            p.Message));
        Assert.Equal("subAudiences[0].groups[0].destinations[0].attributes", problems[0].Path);
    }

    [Fact]
    public async Task A_run_with_one_delivery_reports_it_in_the_singular()
    {
        await using var slack = await SlackHost.StartAsync();
        var oneGroup = TestDrafts.OneTime().WithSubAudience(s => s with { Groups = [s.Groups![0] with { Percent = 90 }] });
        await slack.Host.ApprovedAsync(oneGroup);

        await slack.Host.TickAsync();
        var started = await slack.WaitForAsync("chat.postMessage", c => SlackHost.Text(c).Contains("Run started", StringComparison.Ordinal));

        Assert.Contains("recipients across 1 delivery.", SlackHost.Text(started), StringComparison.Ordinal);
    }
}
