using CampaignBot.Conversations.Inbound;
using CampaignBot.Conversations;
using CampaignBot.Chat.Slack;
using CampaignBot.Api.Tests.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Slack;

/// <summary>Forms open from their own lane: Slack's trigger_id lives 3 s, whatever else is queued.</summary>
public sealed class SlackFormLaneTests
{
    private const int Queued = 200;

    [Fact]
    public async Task A_modal_opens_while_busy_workers_keep_200_commands_waiting()
    {
        var held = new HeldCommand("hold", answersWithForm: false);
        await using var slack = await SlackHost.StartAsync(services: s => s.AddSingleton<IChatCommand>(held));
        await Task.WhenAll(Enumerable.Range(0, ConversationWork.Workers + Queued).Select(async _ =>
        {
            using var response = await slack.CommandAsync("UMAYA", "hold");
            response.EnsureSuccessStatusCode();
        }));
        await held.RunningAsync(ConversationWork.Workers);

        using var command = await slack.CommandAsync("UMAYA", "new", triggerId: "trigger-under-load");
        var opened = await slack.WaitForAsync("views.open", c => c.Body["trigger_id"]!.GetValue<string>() == "trigger-under-load");

        Assert.Null(opened.Error);
        Assert.Equal("campaign.wizard", opened.Body["view"]!["callback_id"]!.GetValue<string>());
        Assert.Equal(ConversationWork.Workers, held.Running);
        Assert.True(slack.Host.Get<ConversationWork>().Pending >= ConversationWork.Workers + Queued, $"Only {slack.Host.Get<ConversationWork>().Pending} items pending.");
        Assert.Empty(slack.Slack.CallsTo("response_url"));
        held.Release();
    }

    [Fact]
    public async Task A_reject_click_opens_its_modal_while_ordinary_work_is_stuck()
    {
        var held = new HeldCommand("hold", answersWithForm: false);
        await using var slack = await SlackHost.StartAsync(services: s => s.AddSingleton<IChatCommand>(held));
        var id = await slack.Host.SubmittedAsync(TestDrafts.OneTime());
        await Task.WhenAll(Enumerable.Range(0, ConversationWork.Workers + Queued).Select(async _ =>
        {
            using var response = await slack.CommandAsync("UMAYA", "hold");
            response.EnsureSuccessStatusCode();
        }));
        await held.RunningAsync(ConversationWork.Workers);

        using var click = await slack.InteractionAsync(SlackHost.Click("UOMAR", ChatActions.Reject, id.ToString(), slack.Slack.NewResponseUrl()));
        var opened = await slack.WaitForAsync("views.open");

        Assert.Equal("campaign.reject", opened.Body["view"]!["callback_id"]!.GetValue<string>());
        Assert.Equal(ConversationWork.Workers, held.Running);
        held.Release();
    }

    [Fact]
    public async Task A_form_whose_trigger_expired_in_the_queue_is_not_opened_and_the_person_is_asked_to_click_again()
    {
        var held = new HeldCommand("holdform", answersWithForm: true);
        await using var slack = await SlackHost.StartAsync(services: s => s.AddSingleton<IChatCommand>(held));
        for (var i = 0; i < ConversationWork.FormWorkers; i++)
        {
            using var response = await slack.CommandAsync("UMAYA", "holdform");
        }

        await held.RunningAsync(ConversationWork.FormWorkers);
        var responseUrl = slack.Slack.NewResponseUrl();
        using var late = await slack.CommandAsync("UMAYA", "new", responseUrl, triggerId: "trigger-late");
        slack.Host.Clock.Advance(SlackEndpoints.TriggerLife + TimeSpan.FromMilliseconds(1));
        held.Release();

        var answer = await slack.WaitForAsync("response_url", c => SlackHost.Text(c).Contains("took too long", StringComparison.Ordinal));
        await slack.IdleAsync();

        Assert.Equal("ephemeral", answer.Body["response_type"]!.GetValue<string>());
        Assert.Contains("click (or type the command) again", SlackHost.Text(answer), StringComparison.Ordinal);
        Assert.Empty(slack.Slack.CallsTo("views.open"));
    }

    [Fact]
    public async Task Slack_refusing_an_expired_trigger_is_answered_the_same_way()
    {
        await using var slack = await SlackHost.StartAsync();
        slack.Slack.ExpireTrigger("trigger-expired-at-slack");

        using var command = await slack.CommandAsync("UMAYA", "new", triggerId: "trigger-expired-at-slack");
        var refused = await slack.WaitForAsync("views.open");
        var answer = await slack.WaitForAsync("response_url");

        Assert.Equal("expired_trigger_id", refused.Error);
        Assert.Contains("took too long", SlackHost.Text(answer), StringComparison.Ordinal);
    }

    /// <summary>A command that keeps its worker until the test releases it.</summary>
    private sealed class HeldCommand(string verb, bool answersWithForm) : IChatCommand
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _running;

        public string Verb => verb;

        public string Usage => verb;

        public string Description => "holds a worker until the test releases it";

        public bool AnswersWithForm => answersWithForm;

        public int Running => Volatile.Read(ref _running);

        public void Release() => _release.TrySetResult();

        public async Task RunningAsync(int expected)
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (Running < expected)
            {
                Assert.True(DateTime.UtcNow < deadline, $"Only {Running} of {expected} held commands started.");
                await Task.Delay(10);
            }
        }

        public async Task<ChatReply> RunAsync(ChatCaller caller, string arguments, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _running);
            await _release.Task.WaitAsync(cancellationToken);
            return ChatReply.Text($"{verb} released");
        }
    }
}
