using CampaignBot.Core.Destinations;

namespace CampaignBot.Core.Tests.Destinations;

public sealed class FileDestinationRulesTests
{
    private static readonly DestinationInstance S3 = new() { Name = "s3", Kind = DestinationKind.AmazonS3, Location = "acme-exports/campaigns", Region = "eu-west-1", CredentialsReference = "Secrets:S3" };
    private static readonly DestinationInstance Gcs = new() { Name = "gcs", Kind = DestinationKind.GoogleCloudStorage, Location = "acme-exports", CredentialsReference = "Secrets:Gcs" };
    private static readonly DestinationInstance Azure = new() { Name = "azure", Kind = DestinationKind.AzureBlobStorage, Location = "exports/campaignbot", CredentialsReference = "Secrets:Azure" };

    private static readonly DestinationInstance Sftp = new()
    {
        Name = "sftp", Kind = DestinationKind.Sftp, Location = "/upload", Host = "sftp.example.com", UserName = "campaignbot",
        HostKeyFingerprint = FileDestinationRules.FingerprintExample, CredentialsReference = "Secrets:Sftp",
    };

    private static IEnumerable<(string Path, string Message)> Problems(params DestinationInstance[] instances) =>
        DestinationInstanceRules.Check(instances).Select(p => (p.Path, p.Message));

    [Fact]
    public void Well_formed_file_destinations_pass()
    {
        Assert.Empty(Problems(S3, Gcs, Azure, Sftp, S3 with { Name = "minio", Region = null, Endpoint = "http://127.0.0.1:9000", MultipartThresholdBytes = 8 << 20 }));
    }

    [Theory]
    [InlineData("acme-exports", "acme-exports", "")]
    [InlineData("/acme-exports/campaigns/spring/", "acme-exports", "campaigns/spring")]
    [InlineData(" acme ", "acme", "")]
    public void A_location_splits_into_bucket_and_prefix(string location, string bucket, string prefix)
    {
        Assert.Equal((bucket, prefix), FileDestinationRules.SplitLocation(location));
    }

    [Fact]
    public void S3_on_aws_needs_a_region()
    {
        Assert.Equal([("Destinations:0:Region", "Destination 's3' (Amazon S3) needs a Region such as eu-west-1 (or an Endpoint for an S3-compatible store).")], Problems(S3 with { Region = null }));
    }

    [Theory]
    [InlineData(DestinationKind.AmazonS3, "Acme_Exports/x", "Destination 'bad' (Amazon S3) has bucket 'Acme_Exports'; Location is \"bucket/prefix\" and a bucket name is 3 to 63 lower-case letters, digits, dots and hyphens.")]
    [InlineData(DestinationKind.GoogleCloudStorage, "ab", "Destination 'bad' (Google Cloud Storage) has bucket 'ab'; Location is \"bucket/prefix\" and a bucket name is 3 to 63 lower-case letters, digits, dots and hyphens.")]
    [InlineData(DestinationKind.AzureBlobStorage, "ex--ports", "Destination 'bad' (Azure Blob Storage) has container 'ex--ports'; Location is \"container/prefix\" and a container name is 3 to 63 lower-case letters, digits and single hyphens.")]
    [InlineData(DestinationKind.AzureBlobStorage, "exports/a//b", "Destination 'bad' (Azure Blob Storage) has prefix 'a//b'; use plain folder names separated by single slashes.")]
    [InlineData(DestinationKind.AmazonS3, "exports/../etc", "Destination 'bad' (Amazon S3) has prefix '../etc'; use plain folder names separated by single slashes.")]
    public void Bad_buckets_containers_and_prefixes_are_refused(DestinationKind kind, string location, string message)
    {
        var instance = new DestinationInstance { Name = "bad", Kind = kind, Location = location, Region = kind == DestinationKind.AzureBlobStorage ? null : "us-east-1", CredentialsReference = "Secrets:X" };

        Assert.Equal([("Destinations:0:Location", message)], Problems(instance));
    }

    [Fact]
    public void An_endpoint_must_be_an_http_url()
    {
        Assert.Equal(
            [("Destinations:0:Endpoint", "Destination 'gcs' (Google Cloud Storage) has Endpoint 'storage.googleapis.com'; use an absolute http or https URL such as https://storage.example.com.")],
            Problems(Gcs with { Endpoint = "storage.googleapis.com" }));
    }

    [Fact]
    public void Sftp_reports_every_missing_or_malformed_setting_at_once()
    {
        var problems = Problems(Sftp with { Host = " ", Port = 70000, UserName = null, HostKeyFingerprint = "ab:cd:ef", Endpoint = "sftp://x" });

        Assert.Equal(
            [
                ("Destinations:0:Host", "Destination 'sftp' (SFTP) needs the Host of the SFTP server."),
                ("Destinations:0:Port", "Destination 'sftp' (SFTP) has Port 70000; use 1 to 65535, or leave it out for 22."),
                ("Destinations:0:UserName", "Destination 'sftp' (SFTP) needs the UserName to sign in with."),
                ("Destinations:0:HostKeyFingerprint", $"Destination 'sftp' (SFTP) has HostKeyFingerprint 'ab:cd:ef'; use the SHA-256 form `ssh-keygen -l` prints, such as {FileDestinationRules.FingerprintExample}."),
                ("Destinations:0:Endpoint", "Destination 'sftp' (SFTP) is reached through Host and Port; remove Endpoint."),
            ],
            problems);
    }

    [Fact]
    public void Settings_of_another_kind_are_refused_by_name()
    {
        Assert.Equal(
            [
                ("Destinations:0:Region", "Destination 'azure' (Azure Blob Storage) does not use Region; it applies to Amazon S3, Google Cloud Storage only."),
                ("Destinations:0:Host", "Destination 'azure' (Azure Blob Storage) does not use Host; it applies to SFTP and Attentive with Transport Sftp only."),
                ("Destinations:1:MultipartThresholdBytes", "Destination 'sftp' (SFTP) does not use MultipartThresholdBytes; it applies to Amazon S3, Google Cloud Storage, Azure Blob Storage only."),
            ],
            Problems(Azure with { Region = "westeurope", Host = "x" }, Sftp with { MultipartThresholdBytes = 1 }));
    }

    [Fact]
    public void A_multipart_threshold_must_be_positive()
    {
        Assert.Equal(
            [("Destinations:0:MultipartThresholdBytes", "Destination 's3' (Amazon S3) has MultipartThresholdBytes 0; use a positive size in bytes, or leave it out for 16 MiB.")],
            Problems(S3 with { MultipartThresholdBytes = 0 }));
    }
}
