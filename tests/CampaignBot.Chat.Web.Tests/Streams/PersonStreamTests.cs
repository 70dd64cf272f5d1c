using CampaignBot.Chat.Web.Streams;

namespace CampaignBot.Chat.Web.Tests.Streams;

public sealed class PersonStreamTests
{
    private static StreamItem Item(string id) => new(StreamItem.Append, id, "message", $"<article id=\"{id}\"></article>", id);

    [Fact]
    public void Entries_are_numbered_in_order_and_read_after_the_last_one_seen()
    {
        var stream = new PersonStream();
        stream.Add(Item("m1"));
        stream.Add(Item("m2"));
        stream.Add(Item("m3"));

        var (entries, gap) = stream.After(1);

        Assert.Equal([2L, 3L], entries.Select(e => e.Sequence));
        Assert.Equal(["m2", "m3"], entries.Select(e => e.Item.Id));
        Assert.False(gap);
        Assert.Empty(stream.After(3).Entries);
    }

    [Fact]
    public void Past_its_capacity_the_oldest_go_and_a_reader_behind_them_is_told()
    {
        var stream = new PersonStream();
        for (var i = 1; i <= PersonStream.Capacity + 10; i++)
        {
            stream.Add(Item($"m{i}"));
        }

        var (fromStart, noGap) = stream.After(0);
        var (behind, gap) = stream.After(5);
        var (recent, recentGap) = stream.After(10);

        Assert.Equal(PersonStream.Capacity, fromStart.Count);
        Assert.Equal(11, fromStart[0].Sequence);
        Assert.False(noGap);
        Assert.True(gap);
        Assert.Equal(PersonStream.Capacity, behind.Count);
        Assert.False(recentGap);
        Assert.Equal(11, recent[0].Sequence);
    }

    [Fact]
    public async Task A_waiting_reader_wakes_when_an_entry_arrives()
    {
        var stream = new PersonStream();
        stream.Add(Item("m1"));

        var waiting = stream.WaitAfterAsync(1, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        stream.Add(Item("m2"));

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(stream.WaitAfterAsync(1, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task Concurrent_writers_never_share_or_skip_a_number()
    {
        var stream = new PersonStream();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                stream.Add(Item($"w{w}-{i}"));
            }
        })));

        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), stream.After(0).Entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Items_added_together_stay_together_however_many_write_at_once()
    {
        var stream = new PersonStream();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 30; i++)
            {
                stream.Add([Item($"said-{w}-{i}"), Item($"answer-{w}-{i}")]);
            }
        })));

        var ids = stream.After(0).Entries.Select(e => e.Item.Id).ToList();
        Assert.Equal(480, ids.Count);
        Assert.All(Enumerable.Range(0, 240), pair => Assert.Equal(ids[2 * pair].Replace("said", "answer", StringComparison.Ordinal), ids[(2 * pair) + 1]));
    }
}
