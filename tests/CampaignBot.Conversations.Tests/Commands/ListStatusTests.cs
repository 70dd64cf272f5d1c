using CampaignBot.Conversations.Tests.Harness;

namespace CampaignBot.Conversations.Tests.Commands;

public sealed class ListStatusTests
{
    private const string AllStatuses = "draft, pending-approval, approved, scheduled, running, completed, partially-failed, failed, paused, cancelled, expired";

    [Fact]
    public async Task A_status_no_campaign_has_is_answered_with_what_the_campaigns_are_and_every_status()
    {
        await using var host = await ConversationHost.StartAsync();
        host.Campaigns.Create(TestDrafts.OneTime("Winter welcome"), host.Maya).Unwrap();
        host.Campaigns.Create(TestDrafts.OneTime("Autumn hello"), host.Maya).Unwrap();
        await host.SubmittedAsync(TestDrafts.OneTime("Spring sale"));

        var expired = (await host.SayAsync("vic", "list expired")).Message().Text();

        Assert.DoesNotContain("No campaigns yet", expired, StringComparison.Ordinal);
        Assert.Contains("No campaign is expired. Of the 3 campaigns, 2 are draft, 1 is pending approval.", expired, StringComparison.Ordinal);
        Assert.Contains(AllStatuses, expired, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_status_word_is_answered_with_every_status()
    {
        await using var host = await ConversationHost.StartAsync();
        host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap();

        var sleeping = (await host.SayAsync("vic", "list sleeping")).Message().Text();

        Assert.Equal($"\"sleeping\" is not a status. List one of: {AllStatuses}.", sleeping);
    }

    [Fact]
    public async Task With_no_campaigns_at_all_a_status_list_says_there_are_none_yet()
    {
        await using var host = await ConversationHost.StartAsync();

        var drafts = (await host.SayAsync("vic", "list draft")).Message().Text();
        var all = (await host.SayAsync("vic", "list")).Message().Text();

        Assert.Equal("No campaign is draft. There are no campaigns yet. `/campaign new` starts one.", drafts);
        Assert.Equal("No campaigns yet. `/campaign new` starts one.", all);
    }

    [Fact]
    public async Task The_list_counts_campaigns_in_words()
    {
        await using var host = await ConversationHost.StartAsync();
        host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap();

        var one = (await host.SayAsync("vic", "list")).Message();

        Assert.Equal("1 campaign", one.Summary);
    }
}
