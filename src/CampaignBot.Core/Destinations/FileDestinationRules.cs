using System.Text.RegularExpressions;
using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Destinations;

/// <summary>
/// The settings of the remote file kinds (S3, GCS, Azure Blob, SFTP), checked at start-up so a typo in a
/// bucket name or a missing host key stops the service instead of failing the first run.
/// </summary>
public static partial class FileDestinationRules
{
    /// <summary>A SHA-256 host key fingerprint as <c>ssh-keygen -l</c> prints it: "SHA256:" and 43 base64 characters.</summary>
    public const string FingerprintExample = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8";

    private static readonly DestinationKind[] ObjectStores = [DestinationKind.AmazonS3, DestinationKind.GoogleCloudStorage, DestinationKind.AzureBlobStorage];
    private static readonly DestinationKind[] S3Compatible = [DestinationKind.AmazonS3, DestinationKind.GoogleCloudStorage];
    private static readonly DestinationKind[] AttentiveOnly = [DestinationKind.Attentive];

    /// <summary>Splits a Location of "bucket/some/prefix" into the bucket (or container) and the prefix without outer slashes.</summary>
    public static (string Bucket, string Prefix) SplitLocation(string? location)
    {
        var trimmed = (location ?? "").Trim().Trim('/');
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (trimmed, "") : (trimmed[..slash], trimmed[(slash + 1)..].Trim('/'));
    }

    public static void Check(DestinationInstance instance, string path, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(problems);
        var name = $"Destination '{instance.Name}' ({instance.Descriptor.DisplayName})";
        NotApplicable(instance, path, problems, name);
        if (instance.Endpoint is { } endpoint && !instance.UsesSftp
            && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            problems.Error($"{path}:Endpoint", $"{name} has Endpoint '{endpoint}'; use an absolute http or https URL such as https://storage.example.com.");
        }

        if (instance.MultipartThresholdBytes is <= 0)
        {
            problems.Error($"{path}:MultipartThresholdBytes", $"{name} has MultipartThresholdBytes {instance.MultipartThresholdBytes}; use a positive size in bytes, or leave it out for 16 MiB.");
        }

        if (ObjectStores.Contains(instance.Kind) && !string.IsNullOrWhiteSpace(instance.Location))
        {
            CheckBucket(instance, path, problems, name);
        }

        if (instance.Kind == DestinationKind.AmazonS3 && string.IsNullOrWhiteSpace(instance.Region) && string.IsNullOrWhiteSpace(instance.Endpoint))
        {
            problems.Error($"{path}:Region", $"{name} needs a Region such as eu-west-1 (or an Endpoint for an S3-compatible store).");
        }

        if (instance.Kind == DestinationKind.Attentive)
        {
            CheckAttentive(instance, path, problems, name);
        }

        if (instance.UsesSftp)
        {
            CheckSftp(instance, path, problems, name);
        }
    }

    // Attentive is reached through its Segments API (Transport Api, the default) or its subscriber segment upload over SFTP.
    private static void CheckAttentive(DestinationInstance instance, string path, ProblemList problems, string name)
    {
        if (instance.Transport != DestinationTransport.Sftp)
        {
            // The API finds segments by externalId; a folder or a client domain set here was meant for the SFTP upload.
            foreach (var (setting, isSet) in new[] { ("Location", instance.Location is not null), ("ClientDomain", instance.ClientDomain is not null) })
            {
                if (isSet)
                {
                    problems.Error($"{path}:{setting}", $"{name} uses the Segments API, which does not use {setting}; remove it, or set Transport to Sftp for the segment upload.");
                }
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(instance.Location))
        {
            problems.Error($"{path}:Location", $"{name} needs the Location of the remote folder Attentive reads segment files from.");
        }

        if (string.IsNullOrWhiteSpace(instance.ClientDomain))
        {
            problems.Error($"{path}:ClientDomain", $"{name} needs the ClientDomain Attentive gave the account (such as acme.com); it starts every segment file's name.");
        }
        else if (!ClientDomain().IsMatch(instance.ClientDomain))
        {
            problems.Error($"{path}:ClientDomain", $"{name} has ClientDomain '{instance.ClientDomain}'; use only letters, digits, dots and dashes, such as acme.com.");
        }
    }

    private static void CheckBucket(DestinationInstance instance, string path, ProblemList problems, string name)
    {
        var (bucket, prefix) = SplitLocation(instance.Location);
        var azure = instance.Kind == DestinationKind.AzureBlobStorage;
        var valid = azure ? ContainerName().IsMatch(bucket) && !bucket.Contains("--", StringComparison.Ordinal) : BucketName().IsMatch(bucket);
        if (!valid)
        {
            problems.Error($"{path}:Location", azure
                ? $"{name} has container '{bucket}'; Location is \"container/prefix\" and a container name is 3 to 63 lower-case letters, digits and single hyphens."
                : $"{name} has bucket '{bucket}'; Location is \"bucket/prefix\" and a bucket name is 3 to 63 lower-case letters, digits, dots and hyphens.");
        }

        if (prefix.Split('/').Any(segment => segment is "." or ".." || (segment.Length == 0 && prefix.Length > 0)))
        {
            problems.Error($"{path}:Location", $"{name} has prefix '{prefix}'; use plain folder names separated by single slashes.");
        }
    }

    private static void CheckSftp(DestinationInstance instance, string path, ProblemList problems, string name)
    {
        if (string.IsNullOrWhiteSpace(instance.Host))
        {
            problems.Error($"{path}:Host", $"{name} needs the Host of the SFTP server.");
        }

        if (instance.Port is < 1 or > 65535)
        {
            problems.Error($"{path}:Port", $"{name} has Port {instance.Port}; use 1 to 65535, or leave it out for 22.");
        }

        if (string.IsNullOrWhiteSpace(instance.UserName))
        {
            problems.Error($"{path}:UserName", $"{name} needs the UserName to sign in with.");
        }

        if (string.IsNullOrWhiteSpace(instance.HostKeyFingerprint))
        {
            problems.Error($"{path}:HostKeyFingerprint",
                $"{name} needs the server's HostKeyFingerprint as `ssh-keygen -l -f <host key>.pub` prints it, such as {FingerprintExample}; files are never sent to an unverified server.");
        }
        else if (!Fingerprint().IsMatch(instance.HostKeyFingerprint.Trim()))
        {
            problems.Error($"{path}:HostKeyFingerprint", $"{name} has HostKeyFingerprint '{instance.HostKeyFingerprint}'; use the SHA-256 form `ssh-keygen -l` prints, such as {FingerprintExample}.");
        }

        if (instance.Endpoint is not null)
        {
            problems.Error($"{path}:Endpoint", $"{name} is reached through Host and Port; remove Endpoint.");
        }
    }

    // A setting that means nothing for the kind is most likely meant for another entry.
    private static void NotApplicable(DestinationInstance instance, string path, ProblemList problems, string name)
    {
        const string SftpOwners = "SFTP and Attentive with Transport Sftp";
        var sftp = instance.UsesSftp;
        (string Setting, bool IsSet, bool Applies, string Owners)[] settings =
        [
            ("Region", instance.Region is not null, S3Compatible.Contains(instance.Kind), Names(S3Compatible)),
            ("MultipartThresholdBytes", instance.MultipartThresholdBytes is not null, ObjectStores.Contains(instance.Kind), Names(ObjectStores)),
            ("Host", instance.Host is not null, sftp, SftpOwners),
            ("Port", instance.Port is not null, sftp, SftpOwners),
            ("UserName", instance.UserName is not null, sftp, SftpOwners),
            ("HostKeyFingerprint", instance.HostKeyFingerprint is not null, sftp, SftpOwners),
            ("Transport", instance.Transport is not null, AttentiveOnly.Contains(instance.Kind), Names(AttentiveOnly)),
            ("ClientDomain", instance.ClientDomain is not null, AttentiveOnly.Contains(instance.Kind), Names(AttentiveOnly)),
        ];
        foreach (var (setting, _, _, owners) in settings.Where(s => s.IsSet && !s.Applies))
        {
            problems.Error($"{path}:{setting}", $"{name} does not use {setting}; it applies to {owners} only.");
        }
    }

    private static string Names(DestinationKind[] kinds) => string.Join(", ", kinds.Select(k => DestinationCatalog.For(k).DisplayName));

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ContainerName();

    [GeneratedRegex("^SHA256:[A-Za-z0-9+/]{43}=?$")]
    private static partial Regex Fingerprint();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.-]{0,99}$")]
    private static partial Regex ClientDomain();
}
