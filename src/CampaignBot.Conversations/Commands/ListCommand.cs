using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.Conversations.Cards;
using CampaignBot.Conversations.Inbound;
using CampaignBot.Conversations.Messages;
using CampaignBot.Core.Lifecycle;
using CampaignBot.Core.Text;

namespace CampaignBot.Conversations.Commands;

public sealed class ListCommand(CampaignService campaigns) : IChatCommand
{
    private const int Shown = 20;

    public string Verb => "list";

    public string Usage => "list [status]";

    public string Description => "the latest campaigns, optionally only those in a status (draft, pending-approval, scheduled…)";

    /// <summary>Every status as people type it after <c>list</c>: "draft, pending-approval, approved, …".</summary>
    public static string Statuses => string.Join(", ", Enum.GetValues<CampaignStatus>().Select(Typed));

    public Task<ChatReply> RunAsync(ChatCaller caller, string arguments, CancellationToken cancellationToken)
    {
        var status = arguments.Trim();
        // Campaigns waiting to send are listed in the order the scheduler starts them: priority first.
        var waiting = new CampaignQuery { Status = status }.Check(out var wanted) is { HasErrors: false } && wanted is CampaignStatus.Approved or CampaignStatus.Scheduled;
        var found = campaigns.Find(
            new CampaignQuery { Status = status.Length > 0 ? status : null, PageSize = Shown, Sort = waiting ? PriorityOrder.Priority : null }, caller.Actor!);
        if (found is ServiceResult<CampaignPage>.Invalid && status.Length > 0)
        {
            return Task.FromResult<ChatReply>(new ChatReply.Say(ResultMessages.Refusal($"\"{status}\" is not a status. List one of: {Statuses}.")));
        }

        return Task.FromResult(ResultMessages.Reply(found, page => page.Total == 0 && status.Length > 0 ? NoneIn(status, caller) : Render(page, caller.Style)));
    }

    private ChatMessage NoneIn(string status, ChatCaller caller)
    {
        var actor = caller.Actor!;
        _ = new CampaignQuery { Status = status }.Check(out var wanted);
        var counts = Enum.GetValues<CampaignStatus>()
            .Select(s => (Status: s, Count: Count(new CampaignQuery { Status = s.ToString(), PageSize = 1 }, actor)))
            .Where(c => c.Count > 0)
            .ToList();
        var none = $"No campaign is {CampaignLifecycle.Words(wanted!.Value)}.";
        if (counts.Count == 0)
        {
            return ChatMessage.Plain($"{none} There are no campaigns yet. {caller.Style.Command("new")} starts one.");
        }

        var total = counts.Sum(c => c.Count);
        return new ChatMessage(none, [
            new Paragraph($"{none} Of the {Counted.Of(total, "campaign")}, {string.Join(", ", counts.Select(c => $"{c.Count} {(c.Count == 1 ? "is" : "are")} {CampaignLifecycle.Words(c.Status)}"))}."),
            new Footnote($"{caller.Style.Command("list <status>")} takes one of: {Statuses}."),
        ]);
    }

    private int Count(CampaignQuery query, Actor actor) => campaigns.Find(query, actor) is ServiceResult<CampaignPage>.Ok { Value: var page } ? page.Total : 0;

    private static ChatMessage Render(CampaignPage page, ChannelStyle style)
    {
        if (page.Total == 0)
        {
            return ChatMessage.Plain($"No campaigns yet. {style.Command("new")} starts one.");
        }

        var lines = page.Items.Select(c => $"{c.Name}: {c.StatusText}" + (c.Schedule is { } s ? $", {s}" : "") + PriorityTag(c)).ToList();
        var blocks = new List<ChatBlock> { new Heading("Campaigns"), new BulletList(lines) };
        if (page.Total > page.Items.Count)
        {
            blocks.Add(new Footnote($"Showing the {page.Items.Count} most recently changed of {page.Total}."));
        }

        blocks.Add(new Footnote($"{style.Command("show <name>")} for one campaign's summary and buttons."));
        return new ChatMessage(Counted.Of(page.Total, "campaign"), blocks);
    }

    // Normal priority is the default and goes unsaid.
    private static string PriorityTag(CampaignView campaign) =>
        campaign.Draft.Priority?.Trim().ToLowerInvariant() is "high" or "low" ? $" ({campaign.Draft.Priority.Trim().ToLowerInvariant()} priority)" : "";

    private static string Typed(CampaignStatus status) => CampaignLifecycle.Words(status).Replace(' ', '-');
}
