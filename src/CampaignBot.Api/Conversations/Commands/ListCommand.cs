using CampaignBot.Api.Campaigns;
using CampaignBot.Api.Conversations.Cards;
using CampaignBot.Chat.Messages;

namespace CampaignBot.Api.Conversations.Commands;

public sealed class ListCommand(CampaignService campaigns) : IChatCommand
{
    private const int Shown = 20;

    public string Verb => "list";

    public string Usage => "list [status]";

    public string Description => "the latest campaigns, optionally only those in a status (draft, pending-approval, scheduled…)";

    public Task<ChatReply> RunAsync(ChatCaller caller, string arguments, CancellationToken cancellationToken)
    {
        var query = new CampaignQuery { Status = arguments.Length > 0 ? arguments : null, PageSize = Shown };
        return Task.FromResult(ResultMessages.Reply(campaigns.Find(query, caller.Actor!), Render));
    }

    private static ChatMessage Render(CampaignPage page)
    {
        if (page.Total == 0)
        {
            return ChatMessage.Plain("No campaigns yet. `/campaign new` starts one.");
        }

        var lines = page.Items.Select(c => $"{c.Name}: {c.StatusText}" + (c.Schedule is { } s ? $", {s}" : "")).ToList();
        var blocks = new List<ChatBlock> { new Heading("Campaigns"), new BulletList(lines) };
        if (page.Total > page.Items.Count)
        {
            blocks.Add(new Footnote($"Showing the {page.Items.Count} most recently changed of {page.Total}."));
        }

        blocks.Add(new Footnote("`/campaign show <name>` for one campaign's summary and buttons."));
        return new ChatMessage($"{page.Total} campaign(s)", blocks);
    }
}
