using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Runs;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Lifecycle;

namespace CampaignBot.Api.Tests.Lifecycle;

public sealed class CampaignServiceTests
{
    [Fact]
    public async Task An_invalid_draft_is_refused_with_every_problem_and_nothing_is_saved()
    {
        await using var host = new LifecycleHost(new Dictionary<string, string?>
        {
            ["Destinations:1:Name"] = "listrak-main",
            ["Destinations:1:Kind"] = "Listrak",
            ["Destinations:1:CredentialsReference"] = "Secrets:ListrakMain",
            ["Destinations:1:DefaultAttributes:0"] = "email",
            ["Secrets:ListrakMain:ClientId"] = "integration",
            ["Secrets:ListrakMain:ClientSecret"] = "secret",
        });
        var draft = TestDrafts.OneTime() with { Audience = new() { Include = ["Gold members"] } };
        draft = draft.WithSubAudience(s => s with
        {
            Groups =
            [
                s.Groups![0] with { Destinations = [new DestinationDraft { Destination = "carrier-pigeon" }] },
                s.Groups[1] with { Destinations = [new DestinationDraft { Destination = "listrak-main" }] },
            ],
        });

        var result = host.Campaigns.Create(draft, host.Maya);

        var problems = Assert.IsType<ServiceResult<CampaignView>.Invalid>(result).Problems.Where(p => p.IsError).Select(p => (p.Path, p.Message));
        Assert.Equal(
            [
                ("subAudiences[0].groups[0].destinations[0].destination", "There is no destination called 'carrier-pigeon'; choose one of outbox, listrak-main."),
                ("audience.include[0]", "There is no segment called 'Gold members'; choose one of Active customers, At-risk customers, Email opt-outs, High CLV, Lapsed customers, Loyalty members, Recent buyers, Shorts fans, SMS subscribers, West coast."),
            ],
            problems);
        Assert.Empty(host.Campaigns.List(host.Maya));
        Assert.Empty(host.Get<CampaignBot.App.Storage.AppDatabase>().Collection<CampaignBot.App.Audit.AuditEntry>("audit").FindAll());
    }

    [Fact]
    public async Task A_viewer_cannot_create_campaigns_but_can_list_and_read_them_without_actions()
    {
        await using var host = new LifecycleHost();
        var id = host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap().Id;

        var create = host.Campaigns.Create(TestDrafts.OneTime("Vic's own"), host.Vic);

        Assert.Equal("Vic Viewer does not hold the marketer role needed to create campaigns.",
            Assert.IsType<ServiceResult<CampaignView>.Forbidden>(create).Message);
        Assert.Equal([id], host.Campaigns.List(host.Vic).Select(c => c.Id));
        var view = host.Campaigns.Get(id, host.Vic).Unwrap();
        Assert.Equal("Winter welcome", view.Name);
        Assert.Empty(view.Actions);
    }

    [Fact]
    public async Task A_person_without_any_role_can_neither_list_nor_read_campaigns()
    {
        await using var host = new LifecycleHost(new Dictionary<string, string?>
        {
            ["Users:People:4:Id"] = "nora",
            ["Users:People:4:Name"] = "Nora Nobody",
        });
        var id = host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap().Id;
        var nora = host.As("nora");

        Assert.Empty(host.Campaigns.List(nora));
        Assert.Equal("Nora Nobody holds no role that may read campaigns.",
            Assert.IsType<ServiceResult<CampaignView>.Forbidden>(host.Campaigns.Get(id, nora)).Message);
    }

    [Fact]
    public async Task Two_edits_of_the_same_version_keep_the_first_and_refuse_the_second()
    {
        await using var host = new LifecycleHost();
        var id = host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap().Id;
        var read = host.View(id).Version;

        var first = host.Campaigns.Update(id, read, TestDrafts.OneTime("Winter welcome (Maya)"), host.Maya);
        var second = host.Campaigns.Update(id, read, TestDrafts.OneTime("Winter welcome (Ada)"), host.Ada);

        Assert.Equal(read + 1, first.Unwrap().Version);
        Assert.Equal($"'Winter welcome (Maya)' was changed by someone else (version {read + 1}, you had {read}); reload it and apply your change again.",
            Assert.IsType<ServiceResult<CampaignView>.Stale>(second).Message);
        var stored = host.View(id);
        Assert.Equal(("Winter welcome (Maya)", "Winter welcome (Maya)", read + 1), (stored.Name, stored.Draft.Name, stored.Version));
        Assert.Single(host.Audit(id), e => e.Action == "Edit");
    }

    [Fact]
    public async Task Simultaneous_edits_of_the_same_version_save_exactly_one()
    {
        await using var host = new LifecycleHost();
        var id = host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap().Id;
        var read = host.View(id).Version;
        using var start = new Barrier(8);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            start.SignalAndWait();
            return (Name: $"Edit {i}", Result: host.Campaigns.Update(id, read, TestDrafts.OneTime($"Edit {i}"), host.Maya));
        })));

        var saved = Assert.Single(results, r => r.Result.IsOk);
        Assert.All(results.Where(r => !r.Result.IsOk), r => Assert.Contains("was changed by someone else", Assert.IsType<ServiceResult<CampaignView>.Stale>(r.Result).Message));
        Assert.Equal((saved.Name, read + 1), (host.View(id).Name, host.View(id).Version));
    }

    [Fact]
    public async Task Pause_resume_and_cancel_follow_the_lifecycle_and_refuse_illegal_moves()
    {
        await using var host = new LifecycleHost();
        var id = host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap().Id;

        Assert.Equal("Only an approved, scheduled or running campaign can be paused; this one is draft.", Conflict(host.Campaigns.Pause(id, host.Maya)));
        Assert.Equal("Only a paused campaign can be resumed; this one is draft.", Conflict(host.Campaigns.Resume(id, host.Maya)));
        (await host.SubmitAsync(id)).Unwrap();
        (await host.ApproveAsync(id, host.Omar)).Unwrap();

        var paused = host.Campaigns.Pause(id, host.Maya).Unwrap();
        Assert.Equal((CampaignStatus.Paused, "Paused by Maya Marketer."), (paused.Status, paused.StatusReason));
        Assert.Equal("It is already paused.", Conflict(host.Campaigns.Pause(id, host.Maya)));
        await host.TickAsync();
        Assert.Empty(host.Runs.ForCampaign(id, host.Maya).Unwrap());

        var resumed = host.Campaigns.Resume(id, host.Maya).Unwrap();
        Assert.Equal((CampaignStatus.Scheduled, null), (resumed.Status, resumed.StatusReason));
        Assert.Equal("Only a paused campaign can be resumed; this one is scheduled.", Conflict(host.Campaigns.Resume(id, host.Maya)));

        var cancelled = host.Campaigns.Cancel(id, host.Maya).Unwrap();
        Assert.Equal((CampaignStatus.Cancelled, "Cancelled by Maya Marketer."), (cancelled.Status, cancelled.StatusReason));
        Assert.Equal("The campaign is cancelled and can no longer be cancelled.", Conflict(host.Campaigns.Cancel(id, host.Maya)));
        Assert.Equal("The campaign is cancelled and can no longer be edited; create a new campaign instead.",
            Conflict(host.Campaigns.Update(id, cancelled.Version, TestDrafts.OneTime(), host.Maya)));
        await host.TickAsync();
        Assert.Empty(host.Runs.ForCampaign(id, host.Maya).Unwrap());
        Assert.Equal(
            ["Create", "Submit", "Approve", "Pause", "Resume", "Cancel"],
            host.Audit(id).Select(e => e.Action));
    }

    [Fact]
    public async Task A_paused_approved_campaign_runs_once_resumed()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.OneTime());
        host.Campaigns.Pause(id, host.Maya).Unwrap();

        host.Campaigns.Resume(id, host.Maya).Unwrap();
        await host.TickAsync();

        Assert.Equal(nameof(RunStatus.Completed), host.OnlyRun(id).Status);
        Assert.Equal(CampaignStatus.Completed, host.View(id).Status);
    }

    [Fact]
    public async Task A_viewer_cannot_pause_a_campaign()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.OneTime());

        var result = host.Campaigns.Pause(id, host.Vic);

        Assert.Equal("Vic Viewer does not hold the marketer role needed to pause campaigns.",
            Assert.IsType<ServiceResult<CampaignView>.Forbidden>(result).Message);
        Assert.Equal(CampaignStatus.Approved, host.View(id).Status);
    }

    [Fact]
    public async Task A_draft_can_be_deleted()
    {
        await using var host = new LifecycleHost();
        var id = host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap().Id;

        host.Campaigns.Delete(id, host.Maya).Unwrap();

        Assert.Empty(host.Campaigns.List(host.Maya));
        Assert.Equal($"There is no campaign {id}.", Assert.IsType<ServiceResult<CampaignView>.NotFound>(host.Campaigns.Get(id, host.Maya)).Message);
        Assert.Equal(["Create", "Delete"], host.Audit(id).Select(e => e.Action));
    }

    [Fact]
    public async Task A_completed_campaign_cannot_be_deleted()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.OneTime());
        await host.TickAsync();

        var result = host.Campaigns.Delete(id, host.Maya);

        Assert.Equal("A campaign that is completed is kept with its runs for the record and cannot be deleted.", Conflict(result));
        Assert.Equal(CampaignStatus.Completed, host.View(id).Status);
    }

    [Fact]
    public async Task A_cancelled_campaign_that_has_runs_is_kept_for_its_history()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.Recurring("weekly", "asap"));
        await host.TickAsync();
        Assert.Single(host.Runs.ForCampaign(id, host.Maya).Unwrap());
        host.Campaigns.Cancel(id, host.Maya).Unwrap();

        var result = host.Campaigns.Delete(id, host.Maya);

        Assert.Equal("'Weekly picks' has runs on record, so it is kept for its history; it is cancelled and will not run again.", Conflict(result));
        Assert.Equal(CampaignStatus.Cancelled, host.View(id).Status);
        Assert.Single(host.Runs.ForCampaign(id, host.Maya).Unwrap());
    }

    [Fact]
    public async Task The_preview_counts_add_up_across_sub_audiences_groups_control_and_unmatched()
    {
        await using var host = new LifecycleHost();
        var draft = TestDrafts.OneTime() with
        {
            Type = "multi-channel",
            Audience = new() { Include = ["Active customers", "Loyalty members"] },
            SubAudiences =
            [
                new SubAudienceDraft
                {
                    Name = "Big spenders",
                    Segment = "High CLV",
                    ControlPercent = 10,
                    Groups = [new RecipientGroupDraft { Name = "VIP mail", Percent = 90, Destinations = [TestDrafts.Outbox()] }],
                },
                new SubAudienceDraft
                {
                    Name = "West",
                    Segment = "West coast",
                    ControlPercent = 20,
                    Groups =
                    [
                        new RecipientGroupDraft { Name = "West A", Percent = 40, Destinations = [TestDrafts.Outbox()] },
                        new RecipientGroupDraft { Name = "West B", Percent = 40, Destinations = [TestDrafts.Outbox()] },
                    ],
                },
            ],
        };
        var id = host.Campaigns.Create(draft, host.Maya).Unwrap().Id;

        var preview = (await host.Get<CampaignPreviews>().PreviewAsync(id, host.Vic, CancellationToken.None)).Unwrap();

        Assert.Equal(["Big spenders", "West"], preview.SubAudiences.Select(s => s.Name));
        Assert.All(preview.SubAudiences, s => Assert.Equal(s.Members, s.Control + s.Groups.Sum(g => g.Members)));
        Assert.All(preview.SubAudiences.SelectMany(s => s.Groups), g => Assert.True(g.Members > 0, $"{g.Name} has nobody"));
        Assert.True(preview.Unmatched > 0, "somebody is neither a big spender nor in the west");
        Assert.Equal(preview.SubAudiences.Sum(s => s.Members), preview.Recipients + preview.Control);
        Assert.Equal(preview.SubAudiences.Sum(s => s.Control), preview.Control);
        Assert.Equal(preview.Audience, preview.Recipients + preview.Control + preview.Unmatched);
        Assert.Equal(1, preview.RequiredApprovers);
        var submitted = (await host.SubmitAsync(id)).Unwrap();
        Assert.Equal(preview.Recipients, submitted.Approval!.Audience);
    }

    private static string Conflict(ServiceResult<CampaignView> result) => Assert.IsType<ServiceResult<CampaignView>.Conflict>(result).Message;
}
