using CampaignBot.Api.Destinations;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Attentive;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Destinations;

public sealed class AttentiveSettingsTests
{
    // Entry 1 beside the test outbox in a host; entry 0 for the validators alone.
    private static Dictionary<string, string?> AttentiveSftp(int index, params (string Setting, string? Value)[] changes)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Destinations:{index}:Name"] = "attentive-sms",
            [$"Destinations:{index}:Kind"] = "Attentive",
            [$"Destinations:{index}:Transport"] = "Sftp",
            [$"Destinations:{index}:ClientDomain"] = "acme.com",
            [$"Destinations:{index}:Location"] = "/segments",
            [$"Destinations:{index}:Host"] = "sftp.attentivemobile.com",
            [$"Destinations:{index}:UserName"] = "acme",
            [$"Destinations:{index}:HostKeyFingerprint"] = FileDestinationRules.FingerprintExample,
            [$"Destinations:{index}:CredentialsReference"] = "Secrets:Attentive",
            ["Secrets:Attentive:Password"] = "example-attentive-password",
        };
        foreach (var (setting, value) in changes)
        {
            var key = setting.Contains(':', StringComparison.Ordinal) ? setting : $"Destinations:{index}:{setting}";
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        return settings;
    }

    [Fact]
    public async Task Attentive_over_sftp_binds_its_settings_and_gets_the_attentive_connector_with_its_credentials()
    {
        await using var factory = new CampaignBotFactory(AttentiveSftp(1, ("Port", "2222")));
        using var client = factory.CreateClient();

        var attentive = factory.Services.GetRequiredService<IReadOnlyList<DestinationInstance>>().Single(i => i.Name == "attentive-sms");

        Assert.Equal((DestinationTransport.Sftp, "acme.com", "/segments", 2222, 500_000), (attentive.Transport, attentive.ClientDomain, attentive.Location, attentive.Port!.Value, attentive.BatchLimit));
        Assert.Equal("example-attentive-password", factory.Services.GetRequiredService<DestinationCredentials>().For(attentive)[DestinationCredentials.Password]);
        Assert.IsType<AttentiveConnector>(factory.Services.GetRequiredService<IConnectorFactory>().Create(attentive));
    }

    [Fact]
    public void Attentive_without_transport_sftp_is_refused_at_start_because_the_api_mode_does_not_exist_yet()
    {
        var error = StartupValidation.Failure(AttentiveSftp(0, ("Transport", null)), services => services.AddDestinations());

        Assert.Contains(
            "Destinations:0:Transport: Destination 'attentive-sms' (Attentive): Attentive's Segments API mode is not available yet; set Transport to Sftp and the SFTP settings",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Attentive_with_transport_api_is_refused_and_an_unknown_transport_is_named()
    {
        var api = StartupValidation.Failure(AttentiveSftp(0, ("Transport", "Api")), services => services.AddDestinations());
        var unknown = StartupValidation.Failure(AttentiveSftp(0, ("Transport", "Ftp")), services => services.AddDestinations());

        Assert.Contains("Attentive's Segments API mode is not available yet", api.Message, StringComparison.Ordinal);
        Assert.Contains("Destinations:0:Transport is 'Ftp'; use one of Api, Sftp.", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_client_domain_missing_sftp_settings_and_missing_credentials_are_reported_together_without_secrets()
    {
        var error = StartupValidation.Failure(
            AttentiveSftp(0, ("ClientDomain", "acme_com"), ("HostKeyFingerprint", null), ("Secrets:Attentive:Password", null),
                ("Secrets:Attentive:PrivateKey", "-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0LWtleS10ZXh0\n-----END OPENSSH PRIVATE KEY-----")),
            services => services.AddDestinations());

        Assert.Contains("Destinations:0:ClientDomain: Destination 'attentive-sms' (Attentive) has ClientDomain 'acme_com'; use only letters, digits, dots and dashes", error.Message, StringComparison.Ordinal);
        Assert.Contains("Destinations:0:HostKeyFingerprint: Destination 'attentive-sms' (Attentive) needs the server's HostKeyFingerprint", error.Message, StringComparison.Ordinal);
        Assert.Contains("Destinations:0:CredentialsReference: Destination 'attentive-sms' (Attentive): in 'Secrets:Attentive', the private key cannot be read", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0LWtleS10ZXh0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Attentive_over_sftp_needs_a_password_or_a_private_key_in_its_section()
    {
        var error = StartupValidation.Failure(AttentiveSftp(0, ("Secrets:Attentive:Password", null)), services => services.AddDestinations());

        Assert.Contains("Destinations:0:CredentialsReference: Destination 'attentive-sms' (Attentive): The section 'Secrets:Attentive' is empty or missing; it needs PrivateKey, or Password",
            error.Message, StringComparison.Ordinal);
    }
}
