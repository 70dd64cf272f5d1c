using System.Text.Json.Nodes;
using CampaignBot.Chat.Teams.Endpoints;
using CampaignBot.Chat.Teams.Replies;
using CampaignBot.Conversations;
using CampaignBot.Conversations.Messages;
using CampaignBot.Conversations.Notices;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Teams;

/// <summary>Answers that miss Teams' time limit for an invoke, and replies that mention people.</summary>
public sealed class TeamsInvokeTimingTests
{
    /// <summary>A button whose answer waits until the test releases it.</summary>
    private sealed class SlowAction : IChatAction
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string ActionId => "test.slow";

        public async Task<ChatReply> RunAsync(ChatCaller caller, string value, CancellationToken cancellationToken)
        {
            await Release.Task.WaitAsync(cancellationToken);
            return new ChatReply.Say(ChatMessage.Plain($"The slow answer for {value}"));
        }
    }

    /// <summary>A button whose work blocks its thread until released, as a decision waiting for the LiteDB write lock does.</summary>
    private sealed class BlockingAction : IChatAction
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string ActionId => "test.blocking";

        public Task<ChatReply> RunAsync(ChatCaller caller, string value, CancellationToken cancellationToken)
        {
            Release.Task.Wait(cancellationToken);
            return Task.FromResult<ChatReply>(new ChatReply.Say(ChatMessage.Plain($"The blocked answer for {value}")));
        }
    }

    private static async Task<(TeamsHost Teams, SlowAction Slow)> StartAsync()
    {
        var slow = new SlowAction();
        var teams = await TeamsHost.StartAsync(services: s =>
        {
            s.AddSingleton<IChatAction>(slow);
            s.AddSingleton(new TeamsInvokeTiming(TimeSpan.FromMilliseconds(300)));
        });
        using var _ = await teams.PostAsync(teams.Message(TeamsHost.Maya, "help"));
        await teams.IdleAsync();
        return (teams, slow);
    }

    private static JsonObject Value(string value) => new() { ["campaignbot"] = new JsonObject { ["value"] = value } };

    [Fact]
    public async Task In_the_personal_chat_a_slow_answer_is_a_working_card_replaced_by_the_answer_when_it_comes()
    {
        var (teams, slow) = await StartAsync();
        await using var _ = teams;

        var answer = await teams.InvokeAsync(teams.Click(TeamsHost.Maya, TeamsHost.Maya.PersonalChat, "card-1", "test.slow", Value("card one")));
        Assert.Contains(TeamsInvokeAnswers.InProgress, TeamsHost.Text(TeamsHost.CardOf(answer)), StringComparison.Ordinal);
        Assert.DoesNotContain(teams.Connector.Calls, c => c.Method == "PUT");

        slow.Release.SetResult();
        var updated = await teams.WaitForAsync(TeamsHost.Maya.PersonalChat, c => c.Method == "PUT");

        Assert.EndsWith("/activities/card-1", Uri.UnescapeDataString(updated.RawTarget), StringComparison.Ordinal);
        Assert.Contains("The slow answer for card one", TeamsHost.Text(updated.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Work_that_blocks_its_thread_is_still_answered_working_on_it_at_the_budget()
    {
        var blocking = new BlockingAction();
        await using var teams = await TeamsHost.StartAsync(services: s =>
        {
            s.AddSingleton<IChatAction>(blocking);
            s.AddSingleton(new TeamsInvokeTiming(TimeSpan.FromMilliseconds(300)));
        });
        using (await teams.PostAsync(teams.Message(TeamsHost.Maya, "help")))
        {
        }

        await teams.IdleAsync();

        var invoke = teams.InvokeAsync(teams.Click(TeamsHost.Maya, TeamsHost.Maya.PersonalChat, "card-3", "test.blocking", Value("card three")));
        var answeredInTime = await Task.WhenAny(invoke, Task.Delay(TimeSpan.FromSeconds(10))) == invoke;
        blocking.Release.TrySetResult();

        Assert.True(answeredInTime, "The invoke waited for the blocked work instead of answering at the 300 ms budget.");
        Assert.Contains(TeamsInvokeAnswers.InProgress, TeamsHost.Text(TeamsHost.CardOf(await invoke)), StringComparison.Ordinal);
        var updated = await teams.WaitForAsync(TeamsHost.Maya.PersonalChat, c => c.Method == "PUT");
        Assert.Contains("The blocked answer for card three", TeamsHost.Text(updated.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_a_channel_a_slow_answer_leaves_the_card_and_follows_in_the_personal_chat()
    {
        var (teams, slow) = await StartAsync();
        await using var _ = teams;
        using (await teams.PostAsync(teams.BotAdded(TeamsHost.Ada, TeamsHost.Approvals)))
        {
        }

        var answer = await teams.InvokeAsync(teams.Click(TeamsHost.Maya, TeamsHost.Approvals, "card-2", "test.slow", Value("the channel")));
        slow.Release.SetResult();
        var followed = await teams.WaitForAsync(TeamsHost.Maya.PersonalChat, c => TeamsHost.Text(c.Body).Contains("The slow answer for the channel", StringComparison.Ordinal));
        await teams.IdleAsync();

        Assert.Equal(("application/vnd.microsoft.activity.message", TeamsInvokeAnswers.InProgressShared), (answer["type"]!.GetValue<string>(), answer["value"]!.GetValue<string>()));
        Assert.Equal("POST", followed.Method);
        Assert.DoesNotContain(teams.CallsIn(TeamsHost.Approvals), c => c.Method == "PUT" || TeamsHost.Text(c.Body).Contains("slow answer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reply_mentions_people_as_teams_mentions_in_the_cards_thread()
    {
        await using var teams = await TeamsHost.StartAsync();
        using (await teams.PostAsync(teams.BotAdded(TeamsHost.Ada, TeamsHost.Approvals)))
        using (await teams.PostAsync(teams.Message(TeamsHost.Omar, "help")))
        {
        }

        await teams.IdleAsync();
        var messenger = teams.Host.Get<IEnumerable<IChannelMessenger>>().Single(m => m.Channel == "teams");

        await messenger.ReplyAsync(new PostedMessage(TeamsHost.Approvals, "root-1"), ChatMessage.Plain("Escalated: <b>nobody</b> acknowledged"), ["omar", "vic", "nobody-known"], broadcast: true, CancellationToken.None);

        var reply = await teams.WaitForAsync(TeamsHost.Approvals, c => TeamsHost.Text(c.Body).Contains("Escalated", StringComparison.Ordinal));
        Assert.EndsWith($"{TeamsHost.Approvals};messageid=root-1/activities", Uri.UnescapeDataString(reply.RawTarget), StringComparison.Ordinal);
        Assert.Equal("<at>Omar Approver</at> <at>Vic Viewer</at>", reply.Body!["text"]!.GetValue<string>());
        var mentioned = reply.Body["entities"]!.AsArray().Select(e => (e!["text"]!.GetValue<string>(), e["mentioned"]!["id"]!.GetValue<string>())).ToList();
        Assert.Equal([("<at>Omar Approver</at>", TeamsHost.Omar.Id), ("<at>Vic Viewer</at>", TeamsHost.Vic.AadObjectId)], mentioned);
        Assert.Contains("Escalated: <b>nobody</b> acknowledged", TeamsHost.Text(TeamsHost.CardOf(reply)), StringComparison.Ordinal);
    }
}
