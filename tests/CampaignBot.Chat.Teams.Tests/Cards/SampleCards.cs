using System.Text.Json.Nodes;
using CampaignBot.Chat.Teams.Cards;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Teams.Tests.Cards;

/// <summary>Every sample message and form rendered as the service would send it, by a file-friendly name.</summary>
public static class SampleCards
{
    public static ChatMessage Oversized() => new(
        "Explain: Spring sale",
        [
            new Heading("Why Spring sale has these counts"),
            new FactList([.. Enumerable.Range(1, 600).Select(i => new Fact($"Step {i}", $"{i * 1000} customers left after rule {i} ({SampleMessages.HostileName})"))]),
            new ActionRow([new ChatButton("campaign.show", "Details", "c-42")]),
        ]);

    public static IReadOnlyList<(string Name, JsonObject Card)> All()
    {
        var pending = SampleMessages.ApprovalPending();
        var status = pending with { Blocks = [.. pending.Blocks.Where(b => b is not ActionRow), new Notice("Waiting for an approver.", Tone.Info)] };
        return
        [
            ("campaign-summary", AdaptiveCardRenderer.Message(SampleMessages.CampaignSummary())),
            ("approval-pending", AdaptiveCardRenderer.Message(pending)),
            ("approval-status-refresh", AdaptiveCardRenderer.WithRefresh(AdaptiveCardRenderer.Message(status), "campaign.approval.view", "c-42", ["29:1omar", "29:1ada"])),
            ("approval-decided", AdaptiveCardRenderer.Message(SampleMessages.ApprovalDecided())),
            ("alert", AdaptiveCardRenderer.Message(SampleMessages.Alert())),
            ("segment-pickers", AdaptiveCardRenderer.Message(SampleMessages.SegmentPickers())),
            ("help", AdaptiveCardRenderer.Message(SampleMessages.Help())),
            ("oversized", AdaptiveCardRenderer.Message(Oversized())),
            ("wizard-basics", AdaptiveCardRenderer.Form(SampleMessages.WizardBasics())),
            ("wizard-basics-errors", AdaptiveCardRenderer.Form(SampleMessages.WizardBasics(), SampleMessages.BasicsErrors, SampleMessages.BasicsEntered)),
            ("wizard-groups", AdaptiveCardRenderer.Form(SampleMessages.WizardGroups())),
            ("wizard-review-with-buttons", AdaptiveCardRenderer.Form(SampleMessages.WizardReview())),
            ("approval-shared-view", ActableViews.SharedCard(SampleMessages.ApprovalPending() with { ActableBy = ["omar"] }, ["29:1omar"])),
        ];
    }
}
