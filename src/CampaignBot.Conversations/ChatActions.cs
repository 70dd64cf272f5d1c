namespace CampaignBot.Conversations;

/// <summary>Action ids of the buttons the core puts on messages and forms; each has one <see cref="IChatAction"/> or <see cref="IChatFormAction"/>.</summary>
public static class ChatActions
{
    public const string Show = "campaign.show";
    public const string Preview = "campaign.preview";
    public const string Runs = "campaign.runs";
    public const string Submit = "campaign.submit";
    public const string Approve = "campaign.approve";
    public const string Reject = "campaign.reject";
    public const string Pause = "campaign.pause";
    public const string Resume = "campaign.resume";
    public const string Cancel = "campaign.cancel";
    public const string Retry = "run.retry";
    public const string AlertRetry = "alert.retry";
    public const string AlertAcknowledge = "alert.acknowledge";
    public const string AlertMute = "alert.mute";
    public const string WizardBack = "campaign.wizard.back";
    public const string WizardRemove = "campaign.wizard.remove";
}
