using CampaignBot.App.Campaigns;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Conversations.Cards;

/// <summary>The next steps a campaign offers the person reading it, as buttons (from the view's allowed actions).</summary>
public static class CampaignButtons
{
    public static ActionRow For(CampaignView campaign, bool withReading = true)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var id = campaign.Id.ToString();
        var buttons = new List<ChatButton>();
        foreach (var action in campaign.Actions)
        {
            switch (action)
            {
                case "submit":
                    buttons.Add(new ChatButton(ChatActions.Submit, "Submit for approval", id, ButtonStyle.Primary));
                    break;
                case "approve":
                    buttons.Add(new ChatButton(ChatActions.Approve, "Approve", id, ButtonStyle.Primary));
                    break;
                case "reject":
                    buttons.Add(new ChatButton(ChatActions.Reject, "Reject", id, ButtonStyle.Danger));
                    break;
                case "pause":
                    buttons.Add(new ChatButton(ChatActions.Pause, "Pause", id));
                    break;
                case "resume":
                    buttons.Add(new ChatButton(ChatActions.Resume, "Resume", id));
                    break;
                case "cancel":
                    buttons.Add(new ChatButton(ChatActions.Cancel, "Cancel campaign", id, ButtonStyle.Danger, new Confirmation(
                        "Cancel this campaign?", $"\"{campaign.Name}\" will not run again. This cannot be undone.", "Cancel it", "Keep it")));
                    break;
            }
        }

        if (withReading)
        {
            buttons.Add(new ChatButton(ChatActions.Preview, "Preview counts", id));
            buttons.Add(new ChatButton(ChatActions.Runs, "Runs", id));
        }

        return new ActionRow(buttons);
    }
}
