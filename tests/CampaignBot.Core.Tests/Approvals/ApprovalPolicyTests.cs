using System.ComponentModel.DataAnnotations;
using CampaignBot.Core.Approvals;
using CampaignBot.Core.Destinations;
using CampaignBot.Core.Tests.Campaigns;

namespace CampaignBot.Core.Tests.Approvals;

public sealed class ApprovalPolicyTests
{
    private static readonly ApprovalRules Defaults = new();

    private static readonly DestinationInstance[] Instances =
    [
        .. Definitions.Instances,
        new() { Name = "criteo", Kind = DestinationKind.Criteo, CredentialsReference = "C" },
        new() { Name = "klaviyo-profiles", Kind = DestinationKind.Klaviyo, CredentialsReference = "K", DefaultAttributes = ["email", "given_name", "postal_code"] },
    ];

    private static ApprovalRequirement Requirement(string destination, string[] attributes, long audience = 1_000, ApprovalRules? rules = null) =>
        ApprovalPolicy.Requirement(Definitions.SendingTo(destination, attributes), audience, Instances, rules ?? Defaults);

    [Fact]
    public void A_small_campaign_sending_identifiers_to_a_file_needs_one_approver_and_no_reason()
    {
        var requirement = Requirement("outbox", ["email", "phone", "customer_id", "idfa", "aaid"]);

        Assert.Equal(1, requirement.Approvers);
        Assert.Empty(requirement.Reasons);
    }

    [Fact]
    public void An_audience_of_exactly_the_threshold_is_not_large()
    {
        Assert.Equal(1, Requirement("outbox", ["email"], audience: 1_000_000).Approvers);
    }

    [Fact]
    public void An_audience_one_over_the_threshold_needs_two_approvers()
    {
        var requirement = Requirement("outbox", ["email"], audience: 1_000_001);

        Assert.Equal(2, requirement.Approvers);
        Assert.Equal(["The audience of 1,000,001 customers is over 1,000,000: 2 approvers needed."], requirement.Reasons);
    }

    [Theory]
    [InlineData("meta-ads", "Meta Ads")]
    [InlineData("tiktok-ads", "TikTok Ads")]
    [InlineData("criteo", "Criteo")]
    public void Paid_media_needs_two_approvers(string destination, string displayName)
    {
        var requirement = Requirement(destination, []);

        Assert.Equal(2, requirement.Approvers);
        Assert.Equal([$"{displayName} is paid media: 2 approvers needed."], requirement.Reasons);
    }

    [Fact]
    public void Names_and_postal_codes_count_as_personal_attributes()
    {
        var requirement = Requirement("klaviyo-main", ["email", "given_name", "postal_code"]);

        Assert.Equal(2, requirement.Approvers);
        Assert.Equal(["Sends personal attributes beyond identifiers (given_name, postal_code) to Klaviyo: 2 approvers needed."], requirement.Reasons);
    }

    [Fact]
    public void Personal_attributes_sent_by_a_destinations_defaults_count_too()
    {
        var requirement = Requirement("klaviyo-profiles", []);

        Assert.Equal(["Sends personal attributes beyond identifiers (given_name, postal_code) to Klaviyo: 2 approvers needed."], requirement.Reasons);
    }

    [Fact]
    public void The_strictest_triggered_rule_sets_the_count_and_every_reason_is_listed()
    {
        var rules = new ApprovalRules { LargeAudienceApprovers = 3 };

        var requirement = ApprovalPolicy.Requirement(Definitions.Campaign(Drafts.Valid()), 1_250_000, Instances, rules);

        Assert.Equal(3, requirement.Approvers);
        Assert.Equal(
            [
                "The audience of 1,250,000 customers is over 1,000,000: 3 approvers needed.",
                "Meta Ads is paid media: 2 approvers needed.",
                "TikTok Ads is paid media: 2 approvers needed.",
                "Sends personal attributes beyond identifiers (given_name) to Klaviyo: 2 approvers needed.",
            ],
            requirement.Reasons);
    }

    [Fact]
    public void A_higher_baseline_is_stated_and_a_lower_rule_does_not_reduce_it()
    {
        var rules = new ApprovalRules { RequiredApprovers = 3 };

        var requirement = Requirement("meta-ads", [], rules: rules);

        Assert.Equal(3, requirement.Approvers);
        Assert.Equal(["Every campaign needs 3 approvers.", "Meta Ads is paid media: 2 approvers needed."], requirement.Reasons);
    }

    [Fact]
    public void A_rule_set_to_one_approver_says_one_approver()
    {
        var requirement = Requirement("criteo", [], rules: new ApprovalRules { PaidMediaApprovers = 1 });

        Assert.Equal(["Criteo is paid media: 1 approver needed."], requirement.Reasons);
    }

    [Theory]
    [InlineData(100, 120, false, 20)]
    [InlineData(100, 121, true, 21)]
    [InlineData(100, 80, false, 20)]
    [InlineData(100, 79, true, 21)]
    [InlineData(100, 100, false, 0)]
    [InlineData(0, 0, false, 0)]
    [InlineData(0, 1, true, 100)]
    public void Drift_beyond_the_percent_either_way_exceeds(long approved, long current, bool exceeds, int expectedDrift)
    {
        Assert.Equal(exceeds, ApprovalPolicy.DriftExceeds(approved, current, 20m, out var drift));
        Assert.Equal(expectedDrift, drift);
    }

    [Fact]
    public void Defaults_are_the_documented_ones_and_valid()
    {
        var rules = new ApprovalRules();

        Assert.Equal((1, 1_000_000L, 2, 2, 2, 20m, TimeSpan.FromHours(24), TimeSpan.FromHours(72)),
            (rules.RequiredApprovers, rules.LargeAudienceThreshold, rules.LargeAudienceApprovers, rules.PaidMediaApprovers,
                rules.PersonalAttributesApprovers, rules.RecurringDriftPercent, rules.ReminderAfter, rules.RequestExpiresAfter));
        Assert.True(Validator.TryValidateObject(rules, new ValidationContext(rules), [], validateAllProperties: true));
    }

    [Fact]
    public void Zero_approvers_or_an_instant_reminder_fail_validation()
    {
        var rules = new ApprovalRules { RequiredApprovers = 0, ReminderAfter = TimeSpan.Zero };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(rules, new ValidationContext(rules), results, validateAllProperties: true));
        Assert.Equal(["RequiredApprovers", "ReminderAfter"], results.SelectMany(r => r.MemberNames));
    }
}
