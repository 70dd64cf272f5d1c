using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.AmazonS3;
using CampaignBot.Delivery.Connectors.Sftp;
using Microsoft.Extensions.DependencyInjection;
using CampaignBot.App.Destinations;

namespace CampaignBot.Api.Tests.Destinations;

public sealed class DestinationSettingsTests
{
    [Fact]
    public async Task Without_configured_destinations_the_local_outbox_is_there()
    {
        await using var factory = new CampaignBotFactory(testOutbox: false);
        using var client = factory.CreateClient();

        var outbox = Assert.Single(factory.Services.GetRequiredService<IReadOnlyList<DestinationInstance>>());

        Assert.Equal(("outbox", DestinationKind.LocalFolder, "data/outbox"), (outbox.Name, outbox.Kind, outbox.Location));
    }

    [Fact]
    public async Task Configured_destinations_replace_the_default()
    {
        await using var factory = new CampaignBotFactory(new Dictionary<string, string?>
        {
            ["Destinations:0:Name"] = "klaviyo-main",
            ["Destinations:0:Kind"] = "Klaviyo",
            ["Destinations:0:CredentialsReference"] = "Secrets:KlaviyoMain",
            ["Destinations:0:DefaultAttributes:0"] = "email",
            ["Secrets:KlaviyoMain:ApiKey"] = "pk_test_from_the_environment",
        });
        using var client = factory.CreateClient();

        var klaviyo = Assert.Single(factory.Services.GetRequiredService<IReadOnlyList<DestinationInstance>>());

        Assert.Equal(DestinationKind.Klaviyo, klaviyo.Kind);
        Assert.Equal(["email"], klaviyo.DefaultAttributes);
    }

    [Theory]
    [InlineData("Destinations:0:Kind", "Carrier pigeon", "Destinations:0:Kind is 'Carrier pigeon'; use one of Klaviyo, Attentive")]
    [InlineData("Destinations:0:DefaultAttributes:0", "given_name", "Criteo accepts only email; remove given_name.")]
    public void Bad_destinations_stop_the_start_with_a_message_per_entry(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Destinations:0:Name"] = "criteo",
            ["Destinations:0:Kind"] = "Criteo",
            ["Destinations:0:CredentialsReference"] = "CRITEO_CLIENT",
            [key] = value,
        };
        var error = StartupValidation.Failure(settings, services => services.AddDestinations());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_destinations_bind_their_settings_and_reach_the_connectors_with_credentials_from_the_environment()
    {
        // The environment form Section__Key; a name of its own so parallel tests never see it.
        Environment.SetEnvironmentVariable("Secrets__SettingsTestS3__AccessKeyId", "AKIAEXAMPLEKEYID");
        Environment.SetEnvironmentVariable("Secrets__SettingsTestS3__SecretAccessKey", "example-secret-from-the-environment");
        try
        {
            await using var factory = new CampaignBotFactory(new Dictionary<string, string?>
            {
                ["Destinations:1:Name"] = "s3-main",
                ["Destinations:1:Kind"] = "AmazonS3",
                ["Destinations:1:Location"] = "acme-exports/campaignbot",
                ["Destinations:1:Region"] = "eu-west-1",
                ["Destinations:1:MultipartThresholdBytes"] = "8388608",
                ["Destinations:1:CredentialsReference"] = "Secrets:SettingsTestS3",
                ["Destinations:2:Name"] = "partner-sftp",
                ["Destinations:2:Kind"] = "Sftp",
                ["Destinations:2:Location"] = "/upload",
                ["Destinations:2:Host"] = "sftp.example.com",
                ["Destinations:2:Port"] = "2222",
                ["Destinations:2:UserName"] = "campaignbot",
                ["Destinations:2:HostKeyFingerprint"] = FileDestinationRules.FingerprintExample,
                ["Destinations:2:CredentialsReference"] = "Secrets:PartnerSftp",
                ["Secrets:PartnerSftp:Password"] = "example-password",
            });
            using var client = factory.CreateClient();

            var instances = factory.Services.GetRequiredService<IReadOnlyList<DestinationInstance>>();
            var s3 = instances.Single(i => i.Name == "s3-main");
            var sftp = instances.Single(i => i.Name == "partner-sftp");
            Assert.Equal(("acme-exports/campaignbot", "eu-west-1", 8388608L), (s3.Location, s3.Region, s3.MultipartThresholdBytes!.Value));
            Assert.Equal(("sftp.example.com", 2222, "campaignbot", FileDestinationRules.FingerprintExample), (sftp.Host, sftp.Port!.Value, sftp.UserName, sftp.HostKeyFingerprint));
            Assert.Equal("example-secret-from-the-environment", factory.Services.GetRequiredService<DestinationCredentials>().For(s3)[DestinationCredentials.SecretAccessKey]);
            var connectors = factory.Services.GetRequiredService<IConnectorFactory>();
            Assert.IsType<AmazonS3Connector>(connectors.Create(s3));
            Assert.IsType<SftpConnector>(connectors.Create(sftp));
        }
        finally
        {
            Environment.SetEnvironmentVariable("Secrets__SettingsTestS3__AccessKeyId", null);
            Environment.SetEnvironmentVariable("Secrets__SettingsTestS3__SecretAccessKey", null);
        }
    }

    [Fact]
    public void Missing_credentials_and_bad_file_settings_are_all_reported_at_once_naming_keys_never_values()
    {
        var error = StartupValidation.Failure(new Dictionary<string, string?>
        {
            ["Destinations:0:Name"] = "s3-main",
            ["Destinations:0:Kind"] = "AmazonS3",
            ["Destinations:0:Location"] = "acme-exports",
            ["Destinations:0:CredentialsReference"] = "Secrets:S3Main",
            ["Secrets:S3Main:AccessKeyId"] = "AKIAVISIBLEKEYID",
            ["Destinations:1:Name"] = "azure-main",
            ["Destinations:1:Kind"] = "AzureBlobStorage",
            ["Destinations:1:Location"] = "exports",
            ["Destinations:1:CredentialsReference"] = "Secrets:AzureMain",
            ["Destinations:2:Name"] = "partner-sftp",
            ["Destinations:2:Kind"] = "Sftp",
            ["Destinations:2:Location"] = "/upload",
            ["Destinations:2:Host"] = "sftp.example.com",
            ["Destinations:2:UserName"] = "campaignbot",
            ["Destinations:2:CredentialsReference"] = "Secrets:PartnerSftp",
            ["Secrets:PartnerSftp:PrivateKey"] = "-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0LWtleS10ZXh0\n-----END OPENSSH PRIVATE KEY-----",
        }, services => services.AddDestinations());

        Assert.Contains("Destinations:0:Region: Destination 's3-main' (Amazon S3) needs a Region", error.Message, StringComparison.Ordinal);
        Assert.Contains("Destinations:2:HostKeyFingerprint: Destination 'partner-sftp' (SFTP) needs the server's HostKeyFingerprint", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIAVISIBLEKEYID", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0LWtleS10ZXh0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_missing_from_their_section_are_named_by_key()
    {
        var error = StartupValidation.Failure(new Dictionary<string, string?>
        {
            ["Destinations:0:Name"] = "s3-main",
            ["Destinations:0:Kind"] = "AmazonS3",
            ["Destinations:0:Location"] = "acme-exports",
            ["Destinations:0:Region"] = "eu-west-1",
            ["Destinations:0:CredentialsReference"] = "Secrets:S3Main",
            ["Secrets:S3Main:AccessKeyId"] = "AKIAVISIBLEKEYID",
            ["Destinations:1:Name"] = "azure-main",
            ["Destinations:1:Kind"] = "AzureBlobStorage",
            ["Destinations:1:Location"] = "exports",
            ["Destinations:1:CredentialsReference"] = "Secrets:AzureMain",
            ["Destinations:2:Name"] = "partner-sftp",
            ["Destinations:2:Kind"] = "Sftp",
            ["Destinations:2:Location"] = "/upload",
            ["Destinations:2:Host"] = "sftp.example.com",
            ["Destinations:2:UserName"] = "campaignbot",
            ["Destinations:2:HostKeyFingerprint"] = FileDestinationRules.FingerprintExample,
            ["Destinations:2:CredentialsReference"] = "Secrets:PartnerSftp",
            ["Secrets:PartnerSftp:PrivateKey"] = "-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0LWtleS10ZXh0\n-----END OPENSSH PRIVATE KEY-----",
        }, services => services.AddDestinations());

        Assert.Contains(
            "Destinations:0:CredentialsReference: Destination 's3-main' (Amazon S3): The section 'Secrets:S3Main' needs AccessKeyId and SecretAccessKey; SecretAccessKey is not set.",
            error.Message, StringComparison.Ordinal);
        Assert.Contains(
            "Destinations:1:CredentialsReference: Destination 'azure-main' (Azure Blob Storage): The section 'Secrets:AzureMain' is empty or missing; it needs ConnectionString, or AccountName and AccountKey (environment: Secrets__AzureMain__ConnectionString and so on).",
            error.Message, StringComparison.Ordinal);
        Assert.Contains("Destinations:2:CredentialsReference: Destination 'partner-sftp' (SFTP): in 'Secrets:PartnerSftp', the private key cannot be read", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIAVISIBLEKEYID", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0LWtleS10ZXh0", error.Message, StringComparison.Ordinal);
    }
}
