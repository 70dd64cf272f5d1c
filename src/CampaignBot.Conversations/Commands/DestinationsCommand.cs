using CampaignBot.Conversations.Cards;
using CampaignBot.App.Destinations;
using CampaignBot.Conversations.Messages;
using CampaignBot.Core.Text;

namespace CampaignBot.Conversations.Commands;

public sealed class DestinationsCommand(DestinationDirectory destinations) : IChatCommand
{
    public string Verb => "destinations";

    public string Usage => "destinations";

    public string Description => "where campaigns can send, and the attributes each one needs";

    public Task<ChatReply> RunAsync(ChatCaller caller, string arguments, CancellationToken cancellationToken) =>
        Task.FromResult(ResultMessages.Reply(destinations.List(caller.Actor!), list => new ChatMessage(
            Counted.Of(list.Count, "destination"),
            [new Heading("Destinations"), new BulletList([.. list.Select(Rules)]), new Footnote("Rows without a required identifier are dropped and counted by reason.")])));

    /// <summary>"klaviyo-main (Klaviyo): needs email; also takes given_name, family_name; batches of 10,000".</summary>
    public static string Rules(DestinationView destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var rules = new List<string>();
        if (destination.Required.Count > 0)
        {
            rules.Add($"needs {string.Join(" and ", destination.Required)}");
        }

        if (destination.ExactlyOneOf.Count > 0)
        {
            rules.Add($"exactly one of {string.Join(" or ", destination.ExactlyOneOf)}");
        }

        rules.Add(destination.Optional is null ? "takes any attribute" : destination.Optional.Count > 0 ? $"also takes {string.Join(", ", destination.Optional)}" : "takes nothing else");
        if (destination.HashedSha256)
        {
            rules.Add("identifiers are SHA-256 hashed");
        }

        rules.Add(destination.DefaultAttributes.Count > 0 ? $"default attributes {string.Join(", ", destination.DefaultAttributes)}" : "no default attributes");
        var unavailable = destination.Available ? "" : " [not available in this build]";
        return $"{destination.Name} ({destination.DisplayName}){unavailable}: {string.Join("; ", rules)}";
    }
}
