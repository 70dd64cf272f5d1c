namespace CampaignBot.Conversations.Email;

/// <summary>A message as email: the plain text part and the HTML part, saying the same thing.</summary>
public sealed record EmailBody(string Text, string Html);

/// <summary>A link the email shows under the message (buttons cannot be clicked in mail, links can).</summary>
public sealed record EmailLink(string Label, string Url);
