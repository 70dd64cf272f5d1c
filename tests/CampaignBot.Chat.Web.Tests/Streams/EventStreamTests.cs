using CampaignBot.Api.Tests;
using CampaignBot.Chat.Web.Streams;
using CampaignBot.Chat.Web.Tests.Hosting;

namespace CampaignBot.Chat.Web.Tests.Streams;

public sealed class EventStreamTests
{
    [Fact]
    public async Task A_reconnect_with_the_last_event_id_gets_what_was_missed_exactly_once()
    {
        await using var factory = new CampaignBotFactory();
        using var maya = await ChatSession.SignInAsync(factory, "maya");
        await using (var first = await maya.EventsAsync())
        {
            await first.UntilAsync(e => e.Summary == "CampaignBot commands", "the greeting");
            await maya.SayAsync("list");
            await first.UntilAsync(e => e.Kind == "message" && e.Summary != "CampaignBot commands", "the answer to list");
            var lastRead = first.LastId!;

            // The connection drops; meanwhile three more answers are sent.
            await first.DisposeAsync();
            await maya.SayAsync("segments");
            await maya.SayAsync("destinations");
            await maya.SayAsync("help");
            await WaitForAsync(() => factory.Services.GetRequiredService<ChatStreams>().For("maya").Last >= Sequence(lastRead) + 6);

            await using var again = await maya.EventsAsync(lastEventId: lastRead);
            var missed = new List<ServerEvent>();
            ServerEvent next;
            while ((next = await again.NextAsync()).Name != "ready")
            {
                missed.Add(next);
            }

            Assert.Equal(Enumerable.Range(1, 6).Select(i => Sequence(lastRead) + i), missed.Select(e => Sequence(e.Id!)));
            // Four workers answer, so the three answers may come in any order; each comes right after its echo.
            Assert.Equal(["said", "message", "said", "message", "said", "message"], missed.Select(e => e.Kind));
            Assert.Equal(["You said: destinations", "You said: help", "You said: segments"], missed.Where(e => e.Kind == "said").Select(e => e.Summary).Order());
            Assert.DoesNotContain(missed, e => e.Summary == "You said: list");
        }
    }

    [Fact]
    public async Task A_page_without_an_id_gets_the_whole_conversation_kept_then_ready()
    {
        await using var factory = new CampaignBotFactory();
        using var maya = await ChatSession.SignInAsync(factory, "maya");
        await maya.SayAsync("list");
        await WaitForAsync(() => factory.Services.GetRequiredService<ChatStreams>().For("maya").Last >= 3);

        await using var page = await maya.EventsAsync();
        var events = new List<ServerEvent>();
        ServerEvent next;
        while ((next = await page.NextAsync()).Name != "ready")
        {
            events.Add(next);
        }

        Assert.Equal([1L, 2L, 3L], events.Select(e => Sequence(e.Id!)));
        Assert.Equal("CampaignBot commands", events[0].Summary);
    }

    [Fact]
    public async Task An_id_from_before_a_restart_resets_the_page_instead_of_waiting_for_numbers_it_has_seen()
    {
        await using var factory = new CampaignBotFactory();
        using var maya = await ChatSession.SignInAsync(factory, "maya");
        await WaitForAsync(() => factory.Services.GetRequiredService<ChatStreams>().For("maya").Last >= 1);

        await using var page = await maya.EventsAsync(lastEventId: "0badc0de.57");

        Assert.Equal("reset", (await page.NextAsync()).Name);
        Assert.Equal("CampaignBot commands", (await page.NextAsync()).Summary);
        Assert.Equal("ready", (await page.NextAsync()).Name);
    }

    [Fact]
    public async Task A_live_page_gets_new_entries_as_they_happen()
    {
        await using var factory = new CampaignBotFactory();
        using var maya = await ChatSession.SignInAsync(factory, "maya");
        await using var page = await maya.EventsAsync();
        await page.UntilAsync(e => e.Summary == "CampaignBot commands", "the greeting");

        await maya.SayAsync("new");

        var said = await page.UntilAsync(e => e.Kind == "said", "the echo");
        var form = await page.UntilAsync(e => e.Kind == "form", "the wizard's first step");
        Assert.StartsWith("said-", said.ElementId, StringComparison.Ordinal);
        Assert.Equal("New campaign", form.Summary);
        Assert.Contains("data-form-id=\"campaign.wizard\"", form.Html, StringComparison.Ordinal);
    }

    internal static long Sequence(string eventId) => long.Parse(eventId.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture);

    internal static async Task WaitForAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "The condition did not hold within 20 s.");
            await Task.Delay(20);
        }
    }
}
