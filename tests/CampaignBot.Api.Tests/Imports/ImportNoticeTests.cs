using CampaignBot.Api.Tests.Slack;
using CampaignBot.App.Imports;
using CampaignBot.Chat.Slack;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Api.Tests.Imports;

/// <summary>Admins hear in Slack how each customer import ended; nobody else does.</summary>
public sealed class ImportNoticeTests
{
    [Fact]
    public async Task Admins_get_a_direct_message_with_the_counts_and_the_first_problems_when_an_import_ends()
    {
        await using var slack = await SlackHost.StartAsync();
        using var ada = slack.Host.Client("ada");

        var good = await slack.Host.Factory.FinishedAsync(ada, await ada.PostFileAsync("table=customer_360&mode=replace", "customer_id,city\nK1,Reno\nK2,Elko\n"));
        var told = await slack.WaitForAsync("chat.postMessage", c => c.Body["channel"]!.GetValue<string>() == "DADA");
        var bad = await slack.Host.Factory.FinishedAsync(ada, await ada.PostFileAsync("table=customer_360", "customer_id,order_count\nK1,many\n"));
        var warned = await slack.WaitForAsync("chat.postMessage", c => c.Body["channel"]!.GetValue<string>() == "DADA" && c.Body.ToJsonString().Contains("failed", StringComparison.Ordinal));

        Assert.Equal((ImportStatus.Succeeded, ImportStatus.Failed), (good.Status, bad.Status));
        Assert.Equal("Import into customer_360 succeeded: 2 rows (replace)", told.Body["text"]!.GetValue<string>());
        Assert.Equal("Import into customer_360 failed: nothing was imported (1 of 1 rows rejected)", warned.Body["text"]!.GetValue<string>());
        Assert.Contains("line 2, column order_count: not a whole number", warned.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(slack.Slack.CallsTo("chat.postMessage"), c => c.Body["channel"]!.GetValue<string>() is "DMAYA" or "DOMAR" or "DVIC");
    }

    [Fact]
    public void The_notice_lists_five_problems_and_points_to_the_rest()
    {
        var problems = Enumerable.Range(2, 8).Select(line => new ImportProblemView(line, "city", "contains a NUL character")).ToList();
        var import = new ImportView(Guid.Empty, "customer_360", "upsert", ImportStatus.Failed, null, null, 10, 8, 0, 8, 1.25, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
            "ada", "api", problems, "Nothing was imported: 8 of 8 rows were rejected. Fix them and import the file again.");

        var message = SlackImportNotices.Message(import);

        Assert.Equal(5, message.Blocks.OfType<BulletList>().Single().Items.Count);
        Assert.Equal("Import 00000000-0000-0000-0000-000000000000, by ada; all 8 problems: GET /api/customers/imports/00000000-0000-0000-0000-000000000000",
            message.Blocks.OfType<Footnote>().Single().Text);
    }
}
