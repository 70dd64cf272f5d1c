using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.App.Alerts;
using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Runs;
using CampaignBot.Delivery.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Users;

/// <summary>The actions a view offers (the buttons) are exactly those the services then allow, person by person.</summary>
public sealed class OfferedActionsTests
{
    private static readonly string[] People = ["maya", "omar", "ada", "vic", "nora", "olga"];

    [Fact]
    public async Task A_failed_campaign_its_run_and_its_alert_offer_each_person_exactly_what_the_services_let_them_do()
    {
        var refusing = new RefusingConnectors(new ConnectorFactory(Path.GetTempPath()))
        {
            Refuse = batch => batch.Target.Group == "Email B" ? new BatchOutcome.Permanent("The folder is read-only.", FailureKind.Permission) : null,
        };
        await using var host = new LifecycleHost(new Dictionary<string, string?>
        {
            ["Users:People:5:Id"] = "olga",
            ["Users:People:5:Name"] = "Olga On-call",
            ["Users:People:5:Roles:0"] = "oncall",
        }, s => s.AddSingleton<IConnectorFactory>(refusing));
        var id = await host.ApprovedAsync(TestDrafts.OneTime());
        await host.TickAsync();
        var alerts = host.Get<AlertService>();
        var runId = host.OnlyRun(id).Id;
        var alertId = Assert.Single(alerts.List(new AlertQuery(), host.Maya).Unwrap().Items).Id;

        // Everything is read before anyone acts, since acting changes what is offered.
        var offered = People.ToDictionary(p => p, p => Offered(host, host.As(p), id, alerts));
        var allowed = new Dictionary<string, (string[] Retry, string[] Alert)>();
        foreach (var person in People)
        {
            var actor = host.As(person);
            var answers = new List<string>();
            if (await alerts.AcknowledgeAsync(alertId, actor, CancellationToken.None) is not ServiceResult<AlertView>.Forbidden)
            {
                answers.Add("acknowledge");
            }

            if (await alerts.MuteAsync(alertId, 4, actor, CancellationToken.None) is not ServiceResult<AlertView>.Forbidden)
            {
                answers.Add("mute");
            }

            if (await alerts.RetryAsync(alertId, actor, CancellationToken.None) is not ServiceResult<AlertView>.Forbidden)
            {
                answers.Add("retry");
            }

            allowed[person] = (host.Runs.Retry(runId, actor) is ServiceResult<RunView>.Forbidden ? [] : ["retry"], [.. answers]);
        }

        Assert.Equal(["maya", "ada", "olga"], People.Where(p => offered[p].Campaign.Contains("retry")));
        Assert.All(People, p =>
        {
            Assert.Equal(allowed[p].Retry, offered[p].Campaign);
            Assert.Equal(allowed[p].Retry, offered[p].Run);
            Assert.Equal(allowed[p].Alert, offered[p].Alert);
        });
    }

    private static (string[] Campaign, string[] Run, string[] Alert) Offered(LifecycleHost host, Actor actor, Guid id, AlertService alerts) =>
    (
        host.Campaigns.Get(id, actor) is ServiceResult<CampaignView>.Ok campaign ? [.. campaign.Value.Actions] : [],
        host.Runs.ForCampaign(id, actor) is ServiceResult<IReadOnlyList<RunView>>.Ok runs ? [.. Assert.Single(runs.Value).Actions] : [],
        alerts.List(new AlertQuery(), actor) is ServiceResult<AlertPage>.Ok page ? [.. Assert.Single(page.Value.Items).Actions] : []
    );
}
