using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.Conversations.Cards;
using CampaignBot.App.Runs;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Conversations.Commands;

public sealed class RunsCommand(CampaignLookup lookup, RunService runs, TimeProvider clock) : IChatCommand
{
    private const int Shown = 3;

    public string Verb => "runs";

    public string Usage => "runs <campaign>";

    public string Description => "the latest runs: what each destination received, failures and how to fix them";

    public Task<ChatReply> RunAsync(ChatCaller caller, string arguments, CancellationToken cancellationToken)
    {
        var found = lookup.ByName(arguments, caller);
        return Task.FromResult(found is ServiceResult<CampaignView>.Ok { Value: var campaign }
            ? For(campaign, caller.Actor!, runs, clock.GetUtcNow())
            : new ChatReply.Refuse(ResultMessages.Failure(found)));
    }

    public static ChatReply For(CampaignView campaign, Actor actor, RunService runs, DateTimeOffset now) =>
        ResultMessages.Reply(runs.ForCampaign(campaign.Id, actor), list => Render(campaign, list, now));

    private static ChatMessage Render(CampaignView campaign, IReadOnlyList<RunView> runs, DateTimeOffset now)
    {
        if (runs.Count == 0)
        {
            return ChatMessage.Plain($"{campaign.Name} has not run yet ({campaign.StatusText}).");
        }

        var blocks = new List<ChatBlock> { new Heading($"Runs of {campaign.Name}") };
        foreach (var run in runs.OrderByDescending(r => r.StartedAt).Take(Shown))
        {
            blocks.Add(new Divider());
            blocks.Add(new Paragraph($"Run of {run.Slot:yyyy-MM-dd HH:mm} UTC: {run.StatusText}"));
            blocks.AddRange(RunCard.Body(run, now));
            if (run.Actions.Contains("retry"))
            {
                blocks.Add(new ActionRow([new ChatButton(ChatActions.Retry, "Retry failed deliveries", run.Id, ButtonStyle.Primary)]));
            }
        }

        if (runs.Count > Shown)
        {
            blocks.Add(new Footnote($"The {Shown} latest of {runs.Count} runs; the API lists them all."));
        }

        return new ChatMessage($"{Core.Text.Counted.Of(runs.Count, "run")} of {campaign.Name}", blocks);
    }
}
