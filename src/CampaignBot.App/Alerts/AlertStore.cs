using CampaignBot.App.Storage;
using LiteDB;

namespace CampaignBot.App.Alerts;

/// <summary>Alert history in the app database. Call the writing methods inside <see cref="AppDatabase.Write{T}"/>.</summary>
public sealed class AlertStore(AppDatabase database)
{
    private ILiteCollection<AlertRecord> Alerts
    {
        get
        {
            var alerts = database.Collection<AlertRecord>("alerts");
            alerts.EnsureIndex(a => a.CampaignId);
            alerts.EnsureIndex(a => a.State);
            return alerts;
        }
    }

    public AlertRecord? Get(Guid id) => Alerts.FindById(id);

    /// <summary>The alert still open for failures of this campaign at this destination, if any.</summary>
    public AlertRecord? OpenFor(Guid campaignId, string destination) =>
        Alerts.Find(a => a.CampaignId == campaignId).FirstOrDefault(a => a.IsOpen && string.Equals(a.Destination, destination, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<AlertRecord> Open() =>
        Alerts.Find(Query.Not(nameof(AlertRecord.State), AlertState.Recovered.ToString())).ToList();

    /// <summary>Newest first, optionally only one campaign's or those in one state; with how many match in all.</summary>
    public (IReadOnlyList<AlertRecord> Items, int Total) List(AlertState? state, Guid? campaignId, int skip, int take)
    {
        var query = Alerts.Query();
        if (state is { } s)
        {
            query = query.Where(Query.EQ(nameof(AlertRecord.State), s.ToString()));
        }

        if (campaignId is { } id)
        {
            query = query.Where(Query.EQ(nameof(AlertRecord.CampaignId), id));
        }

        return (query.OrderByDescending(nameof(AlertRecord.UpdatedAt)).Skip(skip).Limit(take).ToList(), query.Count());
    }

    /// <summary>The latest alert of this campaign at this destination, open or not: its mute outlives a recovery.</summary>
    public AlertRecord? LatestFor(Guid campaignId, string destination) =>
        Alerts.Find(a => a.CampaignId == campaignId).Where(a => string.Equals(a.Destination, destination, StringComparison.OrdinalIgnoreCase))
            .MaxBy(a => a.RaisedAt);

    public void Insert(AlertRecord alert) => Alerts.Insert(alert);

    /// <summary>Saves the alert if nobody changed it since it was read (optimistic, by version).</summary>
    public bool TryUpdate(AlertRecord alert, int expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (Alerts.FindById(alert.Id) is not { } stored || stored.Version != expectedVersion)
        {
            return false;
        }

        alert.Version = expectedVersion + 1;
        return Alerts.Update(alert);
    }
}
