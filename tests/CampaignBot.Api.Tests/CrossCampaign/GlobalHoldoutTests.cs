using CampaignBot.Api.Tests.Conversations;
using CampaignBot.Api.Tests.Http;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Explain;
using CampaignBot.App.Runs;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.CrossCampaign;

namespace CampaignBot.Api.Tests.CrossCampaign;

/// <summary>The global holdout through the real service: runs, the preview and explain, in the API and in chat.</summary>
public sealed class GlobalHoldoutTests
{
    private const string Percent = "10";
    private static readonly GlobalHoldout Holdout = GlobalHoldout.From(new HoldoutOptions { Percent = 10 })!;

    private static LifecycleHost Host() => new(new Dictionary<string, string?> { ["Holdout:Percent"] = Percent });

    [Fact]
    public async Task Holdout_is_sticky_across_runs_and_disjoint_from_every_campaigns_recipients_and_controls()
    {
        await using var host = Host();
        var recurring = await host.ApprovedAsync(TestDrafts.Recurring("daily", "2026-11-24 09:00"));
        var oneTime = await host.ApprovedAsync(TestDrafts.OneTime());
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        await host.TickAsync();
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        await host.TickAsync();

        var runs = new[] { recurring, oneTime }.SelectMany(id => host.Get<RunStore>().ForCampaign(id)).ToList();
        var delivered = Directory.GetFiles(host.Outbox, "*.csv", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Skip(1).Select(l => l.Split(',')[0]))
            .ToList();
        var controls = runs.SelectMany(r => r.Groups).Where(g => g.MembersFile is not null)
            .SelectMany(g => File.ReadLines(g.MembersFile!).Skip(1).Select(l => l.Split(',')[0]))
            .ToList();

        Assert.Equal(3, runs.Count);
        Assert.All(runs, r => Assert.Equal(RunStatus.Completed, r.Status));
        Assert.NotEmpty(delivered);
        Assert.NotEmpty(controls);
        Assert.DoesNotContain(delivered, Holdout.Holds);
        Assert.DoesNotContain(controls, Holdout.Holds);

        // Both runs of the recurring campaign reached the same people: the holdout did not move between them.
        var perRun = host.Get<RunStore>().ForCampaign(recurring).Select(r => r.Groups.Where(g => !g.IsControl).Sum(g => g.Members)).ToList();
        Assert.Equal(perRun[0], perRun[1]);
    }

    [Fact]
    public async Task Holdout_preview_shows_the_customers_held_out_globally_in_the_API_and_in_chat()
    {
        await using var host = Host();
        var id = host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap().Id;
        using var client = host.Client("vic");

        var preview = await (await client.GetAsync($"/api/campaigns/{id}/preview")).ReadAsync<PreviewView>();
        var text = (await host.SayAsync("vic", "preview Winter welcome")).Message().Text();

        Assert.InRange(preview.HeldOutGlobally, 1, preview.Included);
        Assert.Equal(preview.Included - preview.Excluded - preview.Suppressed - preview.HeldOutGlobally, preview.Audience);
        Assert.Contains($"Held out globally: {preview.HeldOutGlobally:N0}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Holdout_explain_says_a_customer_is_in_the_global_holdout_in_the_API_and_in_chat()
    {
        await using var host = Host();
        var id = host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap().Id;
        var heldOut = await FirstHeldOutOtherwiseInAudienceAsync(host, id);
        using var client = host.Client("vic");

        var view = await (await client.GetAsync($"/api/campaigns/{id}/explain?customer={heldOut}")).ReadAsync<ExplanationView>();
        var text = (await host.SayAsync("vic", $"explain {heldOut} in Winter welcome")).Message().Text();

        Assert.False(view.InAudience);
        Assert.Equal(new HoldoutCheck(10, true), view.Holdout);
        Assert.Contains("in the global holdout (10% of all customers", view.Summary, StringComparison.Ordinal);
        Assert.Null(view.Placement);
        Assert.Contains("Global holdout (10% of all customers): in the global holdout, so removed", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_holdout_preview_and_explain_show_none()
    {
        await using var host = new LifecycleHost();
        var id = host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap().Id;

        var preview = (await host.Get<CampaignPreviews>().PreviewAsync(id, host.Maya, CancellationToken.None)).Unwrap();
        var text = (await host.SayAsync("vic", "preview Winter welcome")).Message().Text();

        Assert.Equal(0, preview.HeldOutGlobally);
        Assert.DoesNotContain("Held out globally", text, StringComparison.Ordinal);
    }

    // Walks the demo customers in id order until one who is in the audience but for the holdout.
    private static async Task<string> FirstHeldOutOtherwiseInAudienceAsync(LifecycleHost host, CampaignId campaignId)
    {
        var explainer = host.Get<CampaignExplainer>();
        for (var i = 1; i <= 1000; i++)
        {
            var id = $"C{i:00000000}";
            if (!Holdout.Holds(id))
            {
                continue;
            }

            var view = (await explainer.ExplainAsync(campaignId, id, host.Vic, CancellationToken.None)).Unwrap();
            if (view.Include.Any(s => s.Member) && !view.Exclude.Any(s => s.Member) && !view.Suppression.Global)
            {
                return id;
            }
        }

        throw new Xunit.Sdk.XunitException("No demo customer is held out who would otherwise be in the audience.");
    }
}
