using CampaignBot.App.Segments;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Destinations;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Api.Tests.Explain;

/// <summary>
/// Hand-made customers in their own city beside the demo data, three segments over them, and a campaign whose
/// Washington sub-audience texts through Attentive (phone) and writes to the outbox, and whose catch-all writes
/// to the outbox. No control groups, so every placement is decided by the rules alone.
/// </summary>
internal static class ExplainScenario
{
    public const string WandaEmail = "Wanda.Ash@Example.com";
    public const string WandaPhone = "+12065550100";

    /// <summary>(id, state, loyal, email opt-in, email, phone).</summary>
    private static readonly (string Id, string State, bool Loyal, bool OptIn, string? Email, string? Phone)[] Customers =
    [
        ("EX-WANDA", "WA", true, true, WandaEmail, WandaPhone),
        ("EX-NOPHONE", "WA", false, true, "no.phone@example.com", null),
        ("EX-OREGON", "OR", true, true, "oregon@example.com", "+15035550100"),
        ("EX-OPTOUT", "WA", true, false, "opted.out@example.com", "+12065550101"),
        ("EX-NONE", "OR", false, true, "nobody.wanted@example.com", null),
        ("EX-GLOBAL", "WA", true, true, "global.optout@example.com", "+12065550102"),
        ("EX-SMS", "WA", true, true, "sms.optout@example.com", "+12065550103"),
    ];

    /// <summary>The test outbox plus an Attentive instance; nothing is sent to it in these tests.</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Destinations:1:Name"] = "attentive-sms",
        ["Destinations:1:Kind"] = "Attentive",
        ["Destinations:1:Transport"] = "Sftp",
        ["Destinations:1:ClientDomain"] = "acme.com",
        ["Destinations:1:Location"] = "/segments",
        ["Destinations:1:Host"] = "sftp.attentivemobile.com",
        ["Destinations:1:UserName"] = "acme",
        ["Destinations:1:HostKeyFingerprint"] = FileDestinationRules.FingerprintExample,
        ["Destinations:1:CredentialsReference"] = "Secrets:Attentive",
        ["Secrets:Attentive:Password"] = "example-attentive-password",
    };

    public static async Task SeedAsync(LifecycleHost host)
    {
        var engine = host.Get<CustomerEngine>();
        await using var connection = await engine.OpenAsync();
        foreach (var c in Customers)
        {
            await connection.ExecuteAsync(engine, new SqlStatement(
                "INSERT INTO customer_360 (customer_id, email, phone, city, state, country, loyalty_member, email_opt_in) VALUES ($1, $2, $3, 'Explainville', $4, 'US', $5, $6)",
                [c.Id, c.Email, c.Phone, c.State, c.Loyal, c.OptIn]));
            await connection.ExecuteAsync(engine, new SqlStatement(
                "INSERT INTO merged_customers (customer_id, email, phone, city, state, country) VALUES ($1, $2, $3, 'Explainville', $4, 'US')",
                [c.Id, c.Email, c.Phone, c.State]));
        }

        await connection.ExecuteAsync(engine, new SqlStatement(
            $"INSERT INTO {CustomerSchema.Suppressions} (customer_id, email, channel, reason) VALUES ('EX-GLOBAL', NULL, 'all', 'test'), (NULL, 'SMS.OPTOUT@example.com', 'sms', 'test')", []));

        var segments = host.Get<SegmentService>();
        segments.Create(new SegmentInput { Name = "Explain loyal", Text = "city = Explainville and loyalty_member = true" }, host.Maya).Unwrap();
        segments.Create(new SegmentInput { Name = "Explain WA", Text = "city = Explainville and state = WA" }, host.Maya).Unwrap();
        segments.Create(new SegmentInput { Name = "Explain opt-outs", Text = "city = Explainville and email_opt_in = false" }, host.Maya).Unwrap();
    }

    public static CampaignDraft Draft() => new()
    {
        Name = "Explain me",
        Type = "one-time",
        Audience = new AudienceDraft { Include = ["Explain loyal", "Explain WA"], Exclude = ["Explain opt-outs"] },
        SubAudiences =
        [
            new SubAudienceDraft
            {
                Name = "Washington",
                Segment = "Explain WA",
                ControlPercent = 0,
                Groups =
                [
                    new RecipientGroupDraft
                    {
                        Name = "Texts",
                        Percent = 100,
                        Destinations = [TestDrafts.Outbox("phone") with { Destination = "attentive-sms" }, TestDrafts.Outbox("customer_id", "email")],
                    },
                ],
            },
            new SubAudienceDraft
            {
                Name = "Others",
                CatchAll = true,
                ControlPercent = 0,
                Groups = [new RecipientGroupDraft { Name = "Emails", Percent = 100, Destinations = [TestDrafts.Outbox("customer_id", "email")] }],
            },
        ],
        Schedule = new ScheduleDraft { Launch = "asap" },
    };

    /// <summary>A host with the scenario's customers, segments and campaign (a draft); returns the campaign id.</summary>
    public static async Task<(LifecycleHost Host, CampaignId CampaignId)> StartAsync()
    {
        var host = new LifecycleHost(Settings());
        await SeedAsync(host);
        return (host, host.Campaigns.Create(Draft(), host.Maya).Unwrap().Id);
    }
}
