using CampaignBot.Core.Approvals;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Tests.Campaigns;

namespace CampaignBot.Core.Tests.Approvals;

public sealed class CampaignDiffTests
{
    private static CampaignSnapshot Snapshot(CampaignDraft draft) =>
        CampaignSnapshot.Of(Definitions.Campaign(draft), Definitions.Instances, Definitions.SegmentTexts);

    private static CampaignSnapshot Lines(params (string Label, string Value)[] lines) =>
        new([.. lines.Select(l => new SnapshotLine(l.Label, l.Value))]);

    [Fact]
    public void An_unchanged_campaign_has_no_changes()
    {
        var changes = CampaignDiff.Between(Snapshot(Drafts.Valid()), Snapshot(Drafts.Valid()));

        Assert.Empty(changes);
        Assert.Equal("No changes since the last approved version.", CampaignDiff.Describe(changes));
    }

    [Fact]
    public void A_changed_cadence_reads_old_to_new()
    {
        var valid = Drafts.Valid();

        var changes = CampaignDiff.Between(Snapshot(valid), Snapshot(valid with { Schedule = valid.Schedule! with { Cadence = "daily" } }));

        Assert.Equal([new SnapshotChange("Schedule › Cadence", "weekly", "daily")], changes);
        Assert.Equal("Changed Schedule › Cadence: weekly → daily", CampaignDiff.Describe(changes));
    }

    [Fact]
    public void Renaming_a_group_removes_its_lines_where_they_stood_and_adds_the_new_ones()
    {
        var valid = Drafts.Valid();
        var first = valid.SubAudiences![0];
        var renamed = valid with { SubAudiences = [first with { Groups = [first.Groups![0], first.Groups[1] with { Name = "Active texts" }] }, .. valid.SubAudiences.Skip(1)] };

        var text = CampaignDiff.Describe(CampaignDiff.Between(Snapshot(valid), Snapshot(renamed)));

        Assert.Equal(
            """
            Removed Sub-audience 1 (Active) › Group 'Active SMS' › Percent: 45%
            Removed Sub-audience 1 (Active) › Group 'Active SMS' › Destination 'attentive-sms': Attentive
            Removed Sub-audience 1 (Active) › Group 'Active SMS' › Destination 'attentive-sms' › Attributes: phone (merged_customers)
            Added Sub-audience 1 (Active) › Group 'Active texts' › Percent: 45%
            Added Sub-audience 1 (Active) › Group 'Active texts' › Destination 'attentive-sms': Attentive
            Added Sub-audience 1 (Active) › Group 'Active texts' › Destination 'attentive-sms' › Attributes: phone (merged_customers)
            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Several_edits_are_listed_in_the_order_of_the_new_version()
    {
        var valid = Drafts.Valid();
        var edited = valid with
        {
            Description = "",
            Schedule = valid.Schedule! with { QuietHours = null, ExpiresAt = "2027-03-01 00:00" },
        };

        var text = CampaignDiff.Describe(CampaignDiff.Between(Snapshot(valid), Snapshot(edited)));

        Assert.Equal(
            """
            Removed Description: Shorts and t-shirts for the warm months
            Changed Schedule › Expires: never → 2027-03-01T08:00:00Z
            Changed Schedule › Quiet hours: 21:00–08:00 → none
            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Removed_lines_stay_between_their_old_neighbours()
    {
        var before = Lines(("A", "1"), ("B", "2"), ("C", "3"), ("D", "4"), ("E", "5"));
        var after = Lines(("A", "1"), ("C", "3"), ("X", "9"), ("D", "44"));

        Assert.Equal(
            [
                new SnapshotChange("B", "2", null),
                new SnapshotChange("X", null, "9"),
                new SnapshotChange("D", "4", "44"),
                new SnapshotChange("E", "5", null),
            ],
            CampaignDiff.Between(before, after));
    }

    [Fact]
    public void Lines_that_moved_are_not_reported_twice()
    {
        var before = Lines(("A", "1"), ("B", "2"), ("C", "3"));
        var after = Lines(("C", "3"), ("A", "1"), ("B", "2"));

        Assert.Empty(CampaignDiff.Between(before, after));
    }

    [Fact]
    public void Everything_is_added_when_nothing_was_approved_before()
    {
        var changes = CampaignDiff.Between(Lines(), Lines(("Name", "Spring Sale")));

        Assert.Equal("Added Name: Spring Sale", CampaignDiff.Describe(changes));
    }
}
