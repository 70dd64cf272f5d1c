using CampaignBot.App.Destinations;
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

    private static Dictionary<string, string?> AttentiveApi(int index, string? transport = "Api")
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Destinations:{index}:Name"] = "attentive-api",
            [$"Destinations:{index}:Kind"] = "Attentive",
            [$"Destinations:{index}:CredentialsReference"] = "Secrets:AttentiveApi",
            ["Secrets:AttentiveApi:ApiKey"] = "example-attentive-api-key",
        };
        if (transport is not null)
        {
            settings[$"Destinations:{index}:Transport"] = transport;
        }

        return settings;
    }

    [Theory]
    [InlineData("Api")]
    [InlineData(null)]
    public async Task Attentive_over_the_api_which_is_the_default_gets_the_segments_api_connector_with_its_key(string? transport)
    {
        await using var factory = new CampaignBotFactory(AttentiveApi(1, transport));
        using var client = factory.CreateClient();

        var attentive = factory.Services.GetRequiredService<IReadOnlyList<DestinationInstance>>().Single(i => i.Name == "attentive-api");

        Assert.Equal(10_000, attentive.BatchLimit);
        Assert.Equal("example-attentive-api-key", factory.Services.GetRequiredService<DestinationCredentials>().For(attentive)[DestinationCredentials.ApiKey]);
        Assert.IsType<AttentiveApiConnector>(factory.Services.GetRequiredService<IConnectorFactory>().Create(attentive));
    }

    [Fact]
    public void Attentive_over_the_api_needs_an_api_key_and_an_sftp_password_does_not_do()
    {
        var settings = AttentiveApi(0);
        settings.Remove("Secrets:AttentiveApi:ApiKey");
        settings["Secrets:AttentiveApi:Password"] = "example-attentive-password";

        var error = StartupValidation.Failure(settings, services => services.AddDestinations());

        Assert.Contains("Destinations:0:CredentialsReference: Destination 'attentive-api' (Attentive): The section 'Secrets:AttentiveApi' needs ApiKey; ApiKey is not set.",
            error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("example-attentive-password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sftp_settings_without_transport_sftp_are_refused_as_meant_for_the_upload_and_an_unknown_transport_is_named()
    {
        var unset = StartupValidation.Failure(AttentiveSftp(0, ("Transport", null)), services => services.AddDestinations());
        var unknown = StartupValidation.Failure(AttentiveSftp(0, ("Transport", "Ftp")), services => services.AddDestinations());

        Assert.Contains("Destinations:0:Host: Destination 'attentive-sms' (Attentive) does not use Host; it applies to SFTP and Attentive with Transport Sftp only.", unset.Message, StringComparison.Ordinal);
        Assert.Contains("Destinations:0:ClientDomain: Destination 'attentive-sms' (Attentive) uses the Segments API, which does not use ClientDomain", unset.Message, StringComparison.Ordinal);
        Assert.Contains("Destinations:0:CredentialsReference: Destination 'attentive-sms' (Attentive): The section 'Secrets:Attentive' needs ApiKey", unset.Message, StringComparison.Ordinal);
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
