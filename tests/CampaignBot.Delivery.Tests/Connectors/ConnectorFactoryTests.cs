using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;

namespace CampaignBot.Delivery.Tests.Connectors;

public sealed class ConnectorFactoryTests
{
    private readonly ConnectorFactory _factory = new(Path.GetTempPath());

    [Fact]
    public void A_local_folder_destination_gets_the_local_folder_connector()
    {
        var instance = new DestinationInstance { Name = "outbox", Kind = DestinationKind.LocalFolder };

        Assert.True(_factory.Supports(DestinationKind.LocalFolder));
        Assert.Same(instance, Assert.IsType<LocalFolderConnector>(_factory.Create(instance)).Instance);
    }

    [Theory]
    [InlineData(DestinationKind.AmazonS3)]
    [InlineData(DestinationKind.GoogleCloudStorage)]
    [InlineData(DestinationKind.AzureBlobStorage)]
    [InlineData(DestinationKind.Sftp)]
    public void Every_file_kind_has_a_connector(DestinationKind kind)
    {
        Assert.True(_factory.Supports(kind));
    }

    [Fact]
    public void A_file_destination_without_its_credentials_is_refused_naming_the_setting_not_a_secret()
    {
        var instance = new DestinationInstance { Name = "s3-main", Kind = DestinationKind.AmazonS3, Location = "bucket/path", Region = "eu-west-1", CredentialsReference = "Secrets:S3Main" };

        var error = Assert.Throws<InvalidOperationException>(() => _factory.Create(instance));

        Assert.Equal("Destination 's3-main' has no AccessKeyId under Secrets:S3Main.", error.Message);
    }

    [Fact]
    public void An_api_destination_gets_one_connector_shared_by_every_run_so_its_rate_limits_hold_across_runs()
    {
        var instance = new DestinationInstance { Name = "klaviyo-main", Kind = DestinationKind.Klaviyo, CredentialsReference = "Secrets:KlaviyoMain" };
        var factory = new ConnectorFactory(Path.GetTempPath(), new DestinationCredentials(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["klaviyo-main"] = new Dictionary<string, string> { [DestinationCredentials.ApiKey] = "pk_test" },
        }));

        var first = Assert.IsType<CampaignBot.Delivery.Connectors.Klaviyo.KlaviyoConnector>(factory.Create(instance));

        Assert.Same(first, factory.Create(instance));
        Assert.Equal([10, 150], first.UploadLimits.Select(l => l.Permits));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(DestinationTransport.Api)]
    public void Attentive_over_the_api_gets_one_shared_segments_api_connector_with_its_default_limit(DestinationTransport? transport)
    {
        var instance = new DestinationInstance { Name = "attentive-api", Kind = DestinationKind.Attentive, Transport = transport, CredentialsReference = "Secrets:AttentiveApi" };
        var factory = new ConnectorFactory(Path.GetTempPath(), new DestinationCredentials(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["attentive-api"] = new Dictionary<string, string> { [DestinationCredentials.ApiKey] = "attentive-test" },
        }));

        var connector = Assert.IsType<CampaignBot.Delivery.Connectors.Attentive.AttentiveApiConnector>(factory.Create(instance));

        Assert.Same(connector, factory.Create(instance));
        Assert.Equal([(20, TimeSpan.FromSeconds(1))], connector.CallLimits.Select(l => (l.Permits, l.Window)));
    }

    [Fact]
    public void Attentive_over_sftp_gets_the_segment_upload_connector_and_the_api_mode_needs_its_api_key()
    {
        var sftp = new DestinationInstance
        {
            Name = "attentive-sftp", Kind = DestinationKind.Attentive, Transport = DestinationTransport.Sftp, ClientDomain = "acme.com", Location = "/segments",
            Host = "sftp.attentivemobile.com", UserName = "acme", HostKeyFingerprint = FileDestinationRules.FingerprintExample, CredentialsReference = "Secrets:AttentiveSftp",
        };
        var factory = new ConnectorFactory(Path.GetTempPath(), new DestinationCredentials(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["attentive-sftp"] = new Dictionary<string, string> { [DestinationCredentials.Password] = "sftp-test" },
        }));

        Assert.IsType<CampaignBot.Delivery.Connectors.Attentive.AttentiveConnector>(factory.Create(sftp));
        var error = Assert.Throws<InvalidOperationException>(() => factory.Create(sftp with { Name = "attentive-api", Transport = DestinationTransport.Api, CredentialsReference = "Secrets:AttentiveApi" }));
        Assert.Equal("Destination 'attentive-api' has no ApiKey under Secrets:AttentiveApi.", error.Message);
    }

    [Fact]
    public void A_meta_destination_gets_the_meta_connector_with_its_default_limits()
    {
        var instance = new DestinationInstance { Name = "meta-main", Kind = DestinationKind.MetaAds, AccountId = "act_1234567890", CredentialsReference = "Secrets:MetaMain" };
        var factory = new ConnectorFactory(Path.GetTempPath(), new DestinationCredentials(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["meta-main"] = new Dictionary<string, string> { [DestinationCredentials.AccessToken] = "EAAB-test" },
        }));

        var connector = Assert.IsType<CampaignBot.Delivery.Connectors.MetaAds.MetaAdsConnector>(factory.Create(instance));

        Assert.Same(instance, connector.Instance);
        Assert.Equal([5, 200], connector.CallLimits.Select(l => l.Permits));
    }

    [Fact]
    public void A_tiktok_destination_gets_one_shared_tiktok_connector_with_its_default_limits()
    {
        var instance = new DestinationInstance { Name = "tiktok-main", Kind = DestinationKind.TikTokAds, AccountId = "7012345678901234567", CredentialsReference = "Secrets:TikTokMain" };
        var factory = new ConnectorFactory(Path.GetTempPath(), new DestinationCredentials(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["tiktok-main"] = new Dictionary<string, string> { [DestinationCredentials.AccessToken] = "tiktok-test" },
        }));

        var connector = Assert.IsType<CampaignBot.Delivery.Connectors.TikTokAds.TikTokAdsConnector>(factory.Create(instance));

        Assert.Same(connector, factory.Create(instance));
        Assert.Same(instance, connector.Instance);
        Assert.Equal([5, 150], connector.CallLimits.Select(l => l.Permits));
    }

    [Fact]
    public void A_criteo_destination_gets_the_criteo_connector_with_its_default_limit()
    {
        var instance = new DestinationInstance { Name = "criteo-main", Kind = DestinationKind.Criteo, AccountId = "12345", CredentialsReference = "Secrets:CriteoMain" };
        var factory = new ConnectorFactory(Path.GetTempPath(), new DestinationCredentials(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["criteo-main"] = new Dictionary<string, string> { [DestinationCredentials.ClientId] = "app", [DestinationCredentials.ClientSecret] = "secret" },
        }));

        var connector = Assert.IsType<CampaignBot.Delivery.Connectors.Criteo.CriteoConnector>(factory.Create(instance));

        Assert.Same(connector, factory.Create(instance));
        Assert.Equal([(250, TimeSpan.FromMinutes(1))], connector.CallLimits.Select(l => (l.Permits, l.Window)));
    }

    [Fact]
    public void A_listrak_destination_gets_one_shared_listrak_connector_with_its_conservative_default_rate()
    {
        var instance = new DestinationInstance { Name = "listrak-main", Kind = DestinationKind.Listrak, CredentialsReference = "Secrets:ListrakMain" };
        var factory = new ConnectorFactory(Path.GetTempPath(), new DestinationCredentials(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["listrak-main"] = new Dictionary<string, string> { [DestinationCredentials.ClientId] = "integration", [DestinationCredentials.ClientSecret] = "secret" },
        }));

        var connector = Assert.IsType<CampaignBot.Delivery.Connectors.Listrak.ListrakConnector>(factory.Create(instance));

        Assert.Same(connector, factory.Create(instance));
        Assert.Equal([(5, TimeSpan.FromSeconds(1))], connector.CallLimits.Select(l => (l.Permits, l.Window)));
    }

    // Listrak was the last kind without a connector; a new kind added to the enum must come with one.
    [Fact]
    public void Every_destination_kind_has_a_connector()
    {
        Assert.Equal(Enum.GetValues<DestinationKind>(), Enum.GetValues<DestinationKind>().Where(_factory.Supports));
    }
}
