using CampaignBot.App.Destinations;
using CampaignBot.Api.Tests.Http;
using CampaignBot.Api.Tests.Lifecycle;

namespace CampaignBot.Api.Tests.Destinations;

public sealed class DestinationsApiTests
{
    [Fact]
    public async Task Destinations_list_their_rules_defaults_and_whether_they_can_be_delivered_to()
    {
        await using var host = new LifecycleHost(new Dictionary<string, string?>
        {
            ["Destinations:1:Name"] = "attentive-sms",
            ["Destinations:1:Kind"] = "Attentive",
            ["Destinations:1:Transport"] = "Sftp",
            ["Destinations:1:ClientDomain"] = "acme.com",
            ["Destinations:1:Location"] = "/segments",
            ["Destinations:1:Host"] = "sftp.attentivemobile.com",
            ["Destinations:1:UserName"] = "acme",
            ["Destinations:1:HostKeyFingerprint"] = CampaignBot.Core.Destinations.FileDestinationRules.FingerprintExample,
            ["Destinations:1:DefaultAttributes:0"] = "phone",
            ["Destinations:1:CredentialsReference"] = "Secrets:attentive",
            ["Secrets:attentive:Password"] = "not-a-real-password",
        });

        var destinations = await (await host.Client("vic").GetAsync("/api/destinations")).ReadAsync<List<DestinationView>>();

        var attentive = destinations.Single(d => d.Name == "attentive-sms");
        var outbox = destinations.Single(d => d.Name == "outbox");
        Assert.Equal(["email", "phone"], attentive.ExactlyOneOf);
        Assert.Equal(["phone"], attentive.DefaultAttributes);
        Assert.Equal(500_000, attentive.BatchLimit);
        Assert.True(attentive.Available);
        Assert.True(outbox.Available);
        Assert.True(outbox.IsFile);
        Assert.Null(outbox.Optional);
    }
}
