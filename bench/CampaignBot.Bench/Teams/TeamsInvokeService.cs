using CampaignBot.Chat.Teams.Tests.Fakes;

namespace CampaignBot.Bench.Teams;

/// <summary>A Teams user of the benchmark: their Teams id, Entra object id and name.</summary>
internal sealed record TeamsPerson(string PersonId, string TeamsId, string AadObjectId, string Name)
{
    public string PersonalChat => $"a:personal-{PersonId}";
}

/// <summary>
/// The service's own Program on Kestrel at 127.0.0.1 (a real socket), on embedded defaults in a temporary folder, with
/// Teams configured as in production but against loopback stand-ins: the identity fixture's OpenID metadata, JWKS and
/// token endpoint (so inbound JWTs are checked by the real validator) and a Bot Connector fake. Maya (marketer) writes
/// the campaigns, Omar (approver) approves them; both are known by their Entra object ids. The scheduler is off, so
/// approved campaigns wait and the burst measures the clicks alone.
/// </summary>
internal sealed class TeamsInvokeService : BenchService
{
    public const string Approvals = "19:approvals@thread.tacv2";
    public const string BotId = "28:" + TeamsIdentityFixture.AppId;

    public static readonly TeamsPerson Maya = new("maya", "29:maya", "00000000-0000-0000-0000-00000000b001", "Maya Marketer");
    public static readonly TeamsPerson Omar = new("omar", "29:omar", "00000000-0000-0000-0000-00000000b002", "Omar Approver");

    private TeamsInvokeService(string folder, long customers, TeamsIdentityFixture identity)
        : base(folder, customers, new Dictionary<string, string?>
        {
            ["Scheduler:Enabled"] = "false",
            // The campaigns send first names to the outbox, which by default needs two approvers: one click decides here.
            ["Approvals:PersonalAttributesApprovers"] = "1",
            ["Users:People:0:Id"] = Maya.PersonId,
            ["Users:People:0:Name"] = Maya.Name,
            ["Users:People:0:Roles:0"] = "marketer",
            ["Users:People:0:TeamsObjectIds:0"] = Maya.AadObjectId,
            ["Users:People:1:Id"] = Omar.PersonId,
            ["Users:People:1:Name"] = Omar.Name,
            ["Users:People:1:Roles:0"] = "approver",
            ["Users:People:1:TeamsObjectIds:0"] = Omar.AadObjectId,
            ["Teams:AppId"] = TeamsIdentityFixture.AppId,
            ["Teams:AppPassword"] = TeamsIdentityFixture.AppPassword,
            ["Teams:TenantId"] = TeamsIdentityFixture.TenantId,
            ["Teams:OpenIdMetadataUrl"] = identity.BotFrameworkMetadataUrl,
            ["Teams:EntraMetadataUrl"] = identity.EntraMetadataUrlTemplate,
            ["Teams:TokenEndpoint"] = identity.TokenEndpointTemplate,
            ["Teams:ApprovalsConversation"] = Approvals,
        })
    {
    }

    public static TeamsInvokeService Start(string folder, long customers, TeamsIdentityFixture identity) => Listen(new TeamsInvokeService(folder, customers, identity));
}
