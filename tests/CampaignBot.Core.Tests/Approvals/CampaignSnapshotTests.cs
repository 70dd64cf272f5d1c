using System.Text.Json;
using CampaignBot.Core.Approvals;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Tests.Campaigns;

namespace CampaignBot.Core.Tests.Approvals;

public sealed class CampaignSnapshotTests
{
    private static CampaignSnapshot Snapshot(CampaignDraft draft) =>
        CampaignSnapshot.Of(Definitions.Campaign(draft), Definitions.Instances, Definitions.SegmentTexts);

    [Fact]
    public void The_snapshot_reads_the_resolved_campaign_top_to_bottom()
    {
        var snapshot = Snapshot(Drafts.Valid());

        Assert.Equal(
            [
                new("Name", "Spring Sale"),
                new("Description", "Shorts and t-shirts for the warm months"),
                new("Type", "recurring"),
                new("Audience › Include", "High CLV, Loyalty members"),
                new("Audience › Exclude", "Email opt-outs, Recent buyers"),
                new("Segment › High CLV", "predicted_clv > 500"),
                new("Segment › Loyalty members", "loyalty_member = true"),
                new("Segment › Email opt-outs", "email_opt_in = false"),
                new("Segment › Recent buyers", "last_order_date >= today - 14 days"),
                new("Segment › Active customers", "lifecycle_status = 'active'"),
                new("Segment › At-risk customers", "lifecycle_status = 'at risk'"),
                new("Sub-audience 1 (Active) › Segment", "Active customers"),
                new("Sub-audience 1 (Active) › Control", "10%"),
                new("Sub-audience 1 (Active) › Group 'Active email A' › Percent", "45%"),
                new("Sub-audience 1 (Active) › Group 'Active email A' › Destination 'klaviyo-main'", "Klaviyo"),
                new("Sub-audience 1 (Active) › Group 'Active email A' › Destination 'klaviyo-main' › Attributes", "email, given_name (merged_customers)"),
                new("Sub-audience 1 (Active) › Group 'Active SMS' › Percent", "45%"),
                new("Sub-audience 1 (Active) › Group 'Active SMS' › Destination 'attentive-sms'", "Attentive"),
                new("Sub-audience 1 (Active) › Group 'Active SMS' › Destination 'attentive-sms' › Attributes", "phone (merged_customers)"),
                new("Sub-audience 2 (At risk) › Segment", "At-risk customers"),
                new("Sub-audience 2 (At risk) › Control", "20%"),
                new("Sub-audience 2 (At risk) › Group 'At risk email' › Percent", "40%"),
                new("Sub-audience 2 (At risk) › Group 'At risk email' › Destination 'outbox'", "Local folder"),
                new("Sub-audience 2 (At risk) › Group 'At risk email' › Destination 'outbox' › Attributes", "email (merged_customers)"),
                new("Sub-audience 2 (At risk) › Group 'At risk ads' › Percent", "40%"),
                new("Sub-audience 2 (At risk) › Group 'At risk ads' › Destination 'meta-ads'", "Meta Ads"),
                new("Sub-audience 2 (At risk) › Group 'At risk ads' › Destination 'meta-ads' › Attributes", "email, phone (merged_customers)"),
                new("Sub-audience 2 (At risk) › Group 'At risk ads' › Destination 'tiktok-ads'", "TikTok Ads"),
                new("Sub-audience 2 (At risk) › Group 'At risk ads' › Destination 'tiktok-ads' › Attributes", "email, phone (merged_customers)"),
                new("Sub-audience 3 (Everyone else) › Segment", "everyone else (catch-all)"),
                new("Sub-audience 3 (Everyone else) › Control", "5%"),
                new("Sub-audience 3 (Everyone else) › Group 'Newsletter' › Percent", "47.5%"),
                new("Sub-audience 3 (Everyone else) › Group 'Newsletter' › Destination 'outbox'", "Local folder"),
                new("Sub-audience 3 (Everyone else) › Group 'Newsletter' › Destination 'outbox' › Attributes", "email (merged_customers)"),
                new("Sub-audience 3 (Everyone else) › Group 'Newsletter plus' › Percent", "47.5%"),
                new("Sub-audience 3 (Everyone else) › Group 'Newsletter plus' › Destination 'outbox'", "Local folder"),
                new("Sub-audience 3 (Everyone else) › Group 'Newsletter plus' › Destination 'outbox' › Attributes", "email (merged_customers)"),
                new("Schedule › Time zone", "America/Los_Angeles"),
                new("Schedule › Launch", "2026-12-01T17:00:00Z"),
                new("Schedule › Cadence", "weekly"),
                new("Schedule › Expires", "never"),
                new("Schedule › Quiet hours", "21:00–08:00"),
            ],
            snapshot.Lines);
    }

    [Fact]
    public void Every_label_appears_once()
    {
        var labels = Snapshot(Drafts.Valid()).Lines.Select(l => l.Label).ToList();

        Assert.Equal(labels.Count, labels.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_snapshot_with_a_repeated_label_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new CampaignSnapshot([new("Name", "A"), new("Name", "B")]));
    }

    [Fact]
    public void A_campaign_without_launch_time_description_or_cadence_says_so()
    {
        var snapshot = CampaignSnapshot.Of(Definitions.SendingTo("outbox", "email"), Definitions.Instances, Definitions.SegmentTexts);

        Assert.Null(snapshot.ValueOf("Description"));
        Assert.Equal("one-time", snapshot.ValueOf("Type"));
        Assert.Equal("none", snapshot.ValueOf("Audience › Exclude"));
        Assert.Equal("definition not found", snapshot.ValueOf("Segment › New customers"));
        Assert.Equal("UTC", snapshot.ValueOf("Schedule › Time zone"));
        Assert.Equal("as soon as approved", snapshot.ValueOf("Schedule › Launch"));
        Assert.Equal("runs once", snapshot.ValueOf("Schedule › Cadence"));
        Assert.Equal("none", snapshot.ValueOf("Schedule › Quiet hours"));
    }

    [Fact]
    public void Attributes_from_several_tables_name_each_table()
    {
        var draft = Drafts.Valid() with
        {
            SubAudiences =
            [
                Drafts.SubAudience("Everyone", null, 10, Drafts.Group("Mail", 90, new DestinationDraft
                {
                    Destination = "outbox",
                    Attributes = [new AttributeDraft { Name = "email" }, new AttributeDraft { Name = "predicted_clv", SourceTable = "customer_360" }],
                })),
            ],
        };

        var snapshot = Snapshot(draft);

        Assert.Equal("email (merged_customers), predicted_clv (customer_360)",
            snapshot.ValueOf("Sub-audience 1 (Everyone) › Group 'Mail' › Destination 'outbox' › Attributes"));
    }

    [Fact]
    public void Expiry_is_an_iso_instant_in_utc()
    {
        var draft = Drafts.Valid() with { Schedule = Drafts.Valid().Schedule! with { ExpiresAt = "2027-03-01 00:00" } };

        Assert.Equal("2027-03-01T08:00:00Z", Snapshot(draft).ValueOf("Schedule › Expires"));
    }

    [Fact]
    public void The_same_campaign_gives_the_same_fingerprint_and_an_equal_snapshot()
    {
        var first = Snapshot(Drafts.Valid());
        var second = Snapshot(Drafts.Valid());

        Assert.Equal(first.Fingerprint, second.Fingerprint);
        Assert.Equal(first, second);
        Assert.Matches("^[0-9a-f]{64}$", first.Fingerprint);
    }

    [Fact]
    public void A_stored_snapshot_keeps_its_fingerprint()
    {
        // Fingerprints are stored with approvals; changing the encoding would make every approved campaign look edited.
        // Worked out by hand: sha256("campaign-snapshot/1\n" + "4:Name11:Spring Sale" + "18:Schedule › Cadence6:weekly").
        var snapshot = new CampaignSnapshot([new("Name", "Spring Sale"), new("Schedule › Cadence", "weekly")]);

        Assert.Equal("46a4dcd87c6e3ac822079bc2e8d61e38c3e5a41dfb55518d7c5db61715bb698e", snapshot.Fingerprint);
    }

    [Fact]
    public void A_snapshot_survives_a_json_round_trip()
    {
        var snapshot = Snapshot(Drafts.Valid());

        var stored = JsonSerializer.Deserialize<CampaignSnapshot>(JsonSerializer.Serialize(snapshot));

        Assert.Equal(snapshot, stored);
        Assert.Equal(snapshot.Fingerprint, stored!.Fingerprint);
    }

    [Theory]
    [InlineData("a", "bc", "ab", "c")]
    [InlineData("a", "b\nc", "a\nb", "c")]
    [InlineData("a", "1:b", "a1", ":b")]
    public void Lines_that_concatenate_alike_have_different_fingerprints(string label1, string value1, string label2, string value2)
    {
        var one = new CampaignSnapshot([new(label1, value1)]);
        var other = new CampaignSnapshot([new(label2, value2)]);

        Assert.NotEqual(one.Fingerprint, other.Fingerprint);
    }

    [Fact]
    public void Splitting_one_line_into_two_changes_the_fingerprint()
    {
        var one = new CampaignSnapshot([new("a", "b"), new("c", "d")]);
        var other = new CampaignSnapshot([new("a", "b1:c1:d")]);

        Assert.NotEqual(one.Fingerprint, other.Fingerprint);
    }

    [Theory]
    [InlineData("group percent")]
    [InlineData("control percent")]
    [InlineData("attribute")]
    [InlineData("attribute table")]
    [InlineData("destination")]
    [InlineData("destination defaults")]
    [InlineData("cadence")]
    [InlineData("quiet hours")]
    [InlineData("launch")]
    [InlineData("time zone")]
    [InlineData("segment text")]
    [InlineData("group name")]
    [InlineData("sub-audience order")]
    [InlineData("exclusion")]
    [InlineData("description")]
    [InlineData("name")]
    public void Any_edit_changes_the_fingerprint(string edit)
    {
        var original = Snapshot(Drafts.Valid());

        var edited = Edited(edit);

        Assert.NotEqual(original.Fingerprint, edited.Fingerprint);
        Assert.NotEqual(original, edited);
    }

    private static CampaignSnapshot Edited(string edit)
    {
        var valid = Drafts.Valid();
        var subs = valid.SubAudiences!;
        var first = subs[0];
        var firstGroup = first.Groups![0];
        CampaignDraft WithFirstGroup(RecipientGroupDraft group) =>
            valid with { SubAudiences = [first with { Groups = [group, .. first.Groups.Skip(1)] }, .. subs.Skip(1)] };

        return edit switch
        {
            "group percent" => Snapshot(valid with
            {
                SubAudiences = [first with { Groups = [firstGroup with { Percent = 50 }, first.Groups[1] with { Percent = 40 }] }, .. subs.Skip(1)],
            }),
            "control percent" => Snapshot(valid with
            {
                SubAudiences = [first with { ControlPercent = 0, Groups = [firstGroup with { Percent = 55 }, first.Groups[1]] }, .. subs.Skip(1)],
            }),
            "attribute" => Snapshot(WithFirstGroup(firstGroup with { Destinations = [Drafts.Destination("klaviyo-main", "email", "surname")] })),
            "attribute table" => Snapshot(WithFirstGroup(firstGroup with
            {
                Destinations = [new DestinationDraft { Destination = "klaviyo-main", Attributes = [new AttributeDraft { Name = "email" }, new AttributeDraft { Name = "given_name", SourceTable = "customer_360" }] }],
            })),
            "destination" => Snapshot(WithFirstGroup(firstGroup with { Destinations = [Drafts.Destination("outbox", "email", "given_name")] })),
            "destination defaults" => CampaignSnapshot.Of(Definitions.Campaign(valid),
                [.. Definitions.Instances.Select(i => i.Name == "meta-ads" ? i with { DefaultAttributes = ["email"] } : i)], Definitions.SegmentTexts),
            "cadence" => Snapshot(valid with { Schedule = valid.Schedule! with { Cadence = "daily" } }),
            "quiet hours" => Snapshot(valid with { Schedule = valid.Schedule! with { QuietHours = new QuietHoursDraft { Start = "22:00", End = "08:00" } } }),
            "launch" => Snapshot(valid with { Schedule = valid.Schedule! with { Launch = "2026-12-01 10:00" } }),
            "time zone" => Snapshot(valid with { Schedule = valid.Schedule! with { TimeZone = "America/New_York" } }),
            "segment text" => CampaignSnapshot.Of(Definitions.Campaign(valid), Definitions.Instances,
                new Dictionary<string, string>(Definitions.SegmentTexts) { ["Active customers"] = "lifecycle_status in ('active', 'cooling down')" }),
            "group name" => Snapshot(WithFirstGroup(firstGroup with { Name = "Active email B" })),
            "sub-audience order" => Snapshot(valid with { SubAudiences = [subs[1], subs[0], subs[2]] }),
            "exclusion" => Snapshot(valid with { Audience = valid.Audience! with { Exclude = ["Email opt-outs"] } }),
            "description" => Snapshot(valid with { Description = "Shorts, t-shirts and sandals" }),
            "name" => Snapshot(valid with { Name = "Summer Sale" }),
            _ => throw new ArgumentOutOfRangeException(nameof(edit), edit, "Unknown edit."),
        };
    }
}
