using CampaignBot.Chat.Web.Streams;

namespace CampaignBot.Chat.Web.Tests.Streams;

public sealed class ChatStreamsTests
{
    [Fact]
    public void An_event_id_names_this_process_and_the_sequence()
    {
        var streams = new ChatStreams();

        var id = streams.EventId(17);

        Assert.Equal($"{streams.Epoch}.17", id);
        Assert.Equal(17, streams.LastRead(id));
        Assert.False(streams.IsForeign(id));
    }

    [Fact]
    public void An_id_from_another_process_or_a_malformed_one_starts_from_the_beginning()
    {
        var streams = new ChatStreams();
        var other = new ChatStreams();

        Assert.Equal(0, streams.LastRead(other.EventId(40)));
        Assert.True(streams.IsForeign(other.EventId(40)));
        Assert.Equal(0, streams.LastRead("garbage"));
        Assert.True(streams.IsForeign("garbage"));
        Assert.Equal(0, streams.LastRead($"{streams.Epoch}.-3"));
        Assert.False(streams.IsForeign(null));
        Assert.False(streams.IsForeign(""));
    }

    [Fact]
    public void Person_ids_find_the_same_stream_in_any_case()
    {
        var streams = new ChatStreams();

        Assert.Same(streams.For("maya"), streams.For("MAYA"));
        Assert.NotSame(streams.For("maya"), streams.For("omar"));
        Assert.NotEqual(streams.NewMessageId(), streams.NewMessageId());
    }

    [Fact]
    public void A_person_is_greeted_once_per_process()
    {
        var streams = new ChatStreams();

        Assert.True(streams.FirstVisit("ada"));
        Assert.False(streams.FirstVisit("ADA"));
        Assert.True(streams.FirstVisit("omar"));
    }
}
