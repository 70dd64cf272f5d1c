using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.Conversations.Cards;
using CampaignBot.Conversations.Tests.Harness;
using CampaignBot.Core.Audiences;
using CampaignBot.Core.Campaigns;

namespace CampaignBot.Conversations.Tests.Cards;

/// <summary>Small things a person reads: echoes cut between whole characters, no empty phrases, numbers agreeing with their nouns.</summary>
public sealed class ChatWordingTests
{
    [Fact]
    public void An_unknown_command_is_echoed_cut_between_whole_characters()
    {
        var typed = new string('x', 59) + "👩‍💻 launch the rockets";

        var reply = HelpCard.For([], knownPerson: true, unknown: typed, ChatTranscript.Style).Text();

        Assert.Contains($"I don't know \"{new string('x', 59)}…\". Here is what I can do:", reply, StringComparison.Ordinal);
        Assert.DoesNotContain(reply, char.IsSurrogate);
    }

    [Fact]
    public async Task A_destination_without_default_attributes_says_so()
    {
        await using var host = await ConversationHost.StartAsync();

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
        await using var host = await ConversationHost.StartAsync();

        var result = host.Campaigns.Create(TestDrafts.OneTime().Sending("customer_id", "emial"), host.Maya);

        var problems = Assert.IsType<ServiceResult<CampaignView>.Invalid>(result).Problems.Where(p => p.IsError).ToList();
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.Equal(
            "There is no attribute 'emial'. Did you mean 'email'? The attributes are customer_id, email, phone, given_name, surname, birthdate, gender, city, state, postal_code, country, idfa, aaid.",
            p.Message));
        Assert.Equal("subAudiences[0].groups[0].destinations[0].attributes", problems[0].Path);
    }
}
