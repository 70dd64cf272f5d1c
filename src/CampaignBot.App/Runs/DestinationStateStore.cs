using CampaignBot.App.Storage;
using CampaignBot.Core.Campaigns;
using LiteDB;

namespace CampaignBot.App.Runs;

/// <summary>
/// What a destination holds for a (campaign, group): the list created or file name chosen on the first run.
/// Later runs reuse it, so renaming a campaign does not start a new list at the destination.
/// </summary>
public sealed class DestinationStateStore(AppDatabase database, TimeProvider clock)
{
    private ILiteCollection<DestinationState> States => database.Collection<DestinationState>("destination_state");

    public DestinationState GetOrCreate(CampaignId campaignId, string group, string destination, Func<string> listName) =>
        database.Write(() =>
        {
            var id = DestinationState.IdFor(campaignId, group, destination);
            if (States.FindById(id) is { } existing)
            {
                return existing;
            }

            var state = new DestinationState { Id = id, CampaignId = campaignId, ListName = listName(), CreatedAt = clock.GetUtcNow() };
            States.Insert(state);
            return state;
        });

    public void RecordListId(string id, string listId) =>
        database.Write(() =>
        {
            if (States.FindById(id) is { } state && state.ListId != listId)
            {
                state.ListId = listId;
                States.Update(state);
            }
        });
}

public sealed class DestinationState
{
    public string Id { get; set; } = "";

    public CampaignId CampaignId { get; set; }

    public string ListName { get; set; } = "";

    /// <summary>The destination's own id for the list, for destinations that create one.</summary>
    public string? ListId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public static string IdFor(CampaignId campaignId, string group, string destination) =>
        $"{campaignId.Value:N}/{group.Trim().ToLowerInvariant()}/{destination.Trim().ToLowerInvariant()}";
}
