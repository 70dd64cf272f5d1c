using CampaignBot.App.Campaigns;
using CampaignBot.App.Customers;
using CampaignBot.App.Notifications;
using CampaignBot.App.Runs;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.CrossCampaign;
using CampaignBot.Customers.DemoData;
using CampaignBot.Customers.Engine;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Results;

/// <summary>
/// In demo mode (demo customers on, no table mapped), adds the simulated orders of every run that delivered,
/// with the documented planted effect (<see cref="PlantedEffect.Demo"/>), so the results of a demo campaign show it;
/// the global holdout's customers shop at the control's rate, so the holdout report shows it too.
/// </summary>
public sealed partial class DemoOrders(CustomerEngine engine, CampaignStore campaigns, IOptions<CustomersOptions> options, IOptions<HoldoutOptions> holdout, ILogger<DemoOrders> logger) : ICampaignNotifier
{
    public async Task NotifyAsync(CampaignNotice notice, CancellationToken cancellationToken)
    {
        if (notice is not CampaignNotice.RunFinished { Run: { Status: RunStatus.Completed or RunStatus.PartiallyFailed } run }
            || options.Value.DemoCustomers == 0 || engine.Tables.AnyMapped)
        {
            return;
        }

        var days = campaigns.Get(run.CampaignId) is { } campaign && CampaignResolver.ReadDraft(campaign.DraftJson).AttributionDays is int set and >= 1 and <= AttributionRules.MaxDays
            ? set
            : AttributionRules.DefaultDays;
        await new OrderSimulator(engine).AddOrdersAsync(run.Id, days, PlantedEffect.Demo, holdout: GlobalHoldout.From(holdout.Value), cancellationToken: cancellationToken);
        LogSimulated(run.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo mode: simulated the orders after run {RunId} (recipients +1.0 point, 5% more per order)")]
    private partial void LogSimulated(string runId);
}
