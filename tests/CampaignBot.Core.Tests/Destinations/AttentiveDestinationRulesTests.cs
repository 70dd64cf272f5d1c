using CampaignBot.Core.Destinations;

namespace CampaignBot.Core.Tests.Destinations;

public sealed class AttentiveDestinationRulesTests
{
    private static readonly DestinationInstance AttentiveSftp = new()
    {
        Name = "attentive", Kind = DestinationKind.Attentive, Transport = DestinationTransport.Sftp, ClientDomain = "acme.com",
        Location = "/segments", Host = "sftp.attentivemobile.com", UserName = "acme", HostKeyFingerprint = FileDestinationRules.FingerprintExample,
        CredentialsReference = "Secrets:Attentive",
    };

    private static IEnumerable<(string Path, string Message)> Problems(params DestinationInstance[] instances) =>
        DestinationInstanceRules.Check(instances).Select(p => (p.Path, p.Message));

    [Fact]
    public void Attentive_over_sftp_with_its_settings_passes()
    {
        Assert.Empty(Problems(AttentiveSftp, AttentiveSftp with { Name = "attentive-2", ClientDomain = "shop-eu.acme.co.uk", Port = 2222 }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(DestinationTransport.Api)]
    public void Attentive_over_the_segments_api_needs_only_its_credentials_reference(DestinationTransport? transport)
    {
        var api = new DestinationInstance { Name = "attentive", Kind = DestinationKind.Attentive, Transport = transport, CredentialsReference = "Secrets:Attentive" };

        Assert.Empty(Problems(api, api with { Name = "attentive-2", Endpoint = "https://api.attentivemobile.com", RequestsPerSecond = 50, ApiVersion = "v2" }));
    }

    [Fact]
    public void Attentive_over_the_segments_api_refuses_the_sftp_uploads_settings_and_other_api_versions()
    {
        var api = new DestinationInstance
        {
            Name = "attentive", Kind = DestinationKind.Attentive, Transport = DestinationTransport.Api, CredentialsReference = "Secrets:Attentive",
            Location = "/segments", ClientDomain = "acme.com", Host = "sftp.attentivemobile.com", ApiVersion = "v1",
        };

        Assert.Equal(
            [
                ("Destinations:0:Host", "Destination 'attentive' (Attentive) does not use Host; it applies to SFTP and Attentive with Transport Sftp only."),
                ("Destinations:0:Location", "Destination 'attentive' (Attentive) uses the Segments API, which does not use Location; remove it, or set Transport to Sftp for the segment upload."),
                ("Destinations:0:ClientDomain", "Destination 'attentive' (Attentive) uses the Segments API, which does not use ClientDomain; remove it, or set Transport to Sftp for the segment upload."),
                ("Destinations:0:ApiVersion", "Destination 'attentive' (Attentive) has ApiVersion 'v1'; the Attentive Segments API is v2, so leave ApiVersion out."),
            ],
            Problems(api));
    }

    [Fact]
    public void Attentive_over_sftp_needs_every_sftp_setting_and_a_client_domain()
    {
        var bare = new DestinationInstance { Name = "attentive", Kind = DestinationKind.Attentive, Transport = DestinationTransport.Sftp, CredentialsReference = "Secrets:Attentive" };

        Assert.Equal(
            ["Destinations:0:Location", "Destinations:0:ClientDomain", "Destinations:0:Host", "Destinations:0:UserName", "Destinations:0:HostKeyFingerprint"],
            Problems(bare).Select(p => p.Path));
    }

    [Theory]
    [InlineData("acme_com")]
    [InlineData("acme/com")]
    [InlineData(".acme")]
    [InlineData("acme com")]
    public void A_client_domain_is_letters_digits_dots_and_dashes(string domain)
    {
        Assert.Equal(
            [("Destinations:0:ClientDomain", $"Destination 'attentive' (Attentive) has ClientDomain '{domain}'; use only letters, digits, dots and dashes, such as acme.com.")],
            Problems(AttentiveSftp with { ClientDomain = domain }));
    }

    [Fact]
    public void Transport_and_client_domain_mean_nothing_for_other_kinds()
    {
        var sftp = new DestinationInstance
        {
            Name = "sftp", Kind = DestinationKind.Sftp, Location = "/upload", Host = "sftp.example.com", UserName = "campaignbot",
            HostKeyFingerprint = FileDestinationRules.FingerprintExample, CredentialsReference = "Secrets:Sftp", Transport = DestinationTransport.Sftp, ClientDomain = "acme.com",
        };

        Assert.Equal(
            [
                ("Destinations:0:Transport", "Destination 'sftp' (SFTP) does not use Transport; it applies to Attentive only."),
                ("Destinations:0:ClientDomain", "Destination 'sftp' (SFTP) does not use ClientDomain; it applies to Attentive only."),
            ],
            Problems(sftp));
    }

    [Fact]
    public void Attentive_over_sftp_batches_up_to_a_segment_files_500000_rows_and_the_api_mode_keeps_the_apis_10000()
    {
        Assert.Equal((500_000, 10_000), (AttentiveSftp.BatchLimit, (AttentiveSftp with { Transport = null }).BatchLimit));
        Assert.Equal(DestinationCatalog.For(DestinationKind.Klaviyo).BatchLimit, new DestinationInstance { Name = "k", Kind = DestinationKind.Klaviyo }.BatchLimit);
    }
}
