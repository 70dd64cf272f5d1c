using System.Text;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors.Files;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace CampaignBot.Delivery.Connectors.Sftp;

/// <summary>
/// The SSH.NET side of every destination that uploads over SFTP (the SFTP file drop, Attentive's subscriber
/// segment upload): sign-in with PrivateKey or Password, the pinned host key, the remote folder Location that
/// must exist, uploads under a hidden temporary name renamed into place, and what SSH.NET's failures mean.
/// </summary>
public sealed class SftpTransport
{
    public const int DefaultPort = 22;
    private const string TemporaryPrefix = ".";
    private const string TemporarySuffix = ".uploading";

    private readonly DestinationInstance _instance;
    private readonly ConnectionInfo _connection;
    private readonly string _fingerprint;

    public SftpTransport(DestinationInstance instance, IReadOnlyDictionary<string, string> credentials)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(credentials);
        _instance = instance;
        var user = instance.UserName ?? "";
        var methods = new List<AuthenticationMethod>();
        if (credentials.TryGetValue(DestinationCredentials.PrivateKey, out var key) && !string.IsNullOrWhiteSpace(key))
        {
            methods.Add(new PrivateKeyAuthenticationMethod(user, ReadPrivateKey(key, credentials.GetValueOrDefault(DestinationCredentials.PrivateKeyPassphrase))));
        }

        if (credentials.TryGetValue(DestinationCredentials.Password, out var password) && !string.IsNullOrWhiteSpace(password))
        {
            methods.Add(new PasswordAuthenticationMethod(user, password));
        }

        if (methods.Count == 0)
        {
            throw new InvalidOperationException($"Destination '{instance.Name}' has neither a PrivateKey nor a Password under {instance.CredentialsReference}.");
        }

        _connection = new ConnectionInfo(instance.Host ?? "", instance.Port ?? DefaultPort, user, methods.ToArray()) { Timeout = TimeSpan.FromSeconds(15) };
        Folder = (instance.Location ?? "").TrimEnd('/') is { Length: > 0 } folder ? folder : "/";
        _fingerprint = Normalize(instance.HostKeyFingerprint ?? "");
    }

    /// <summary>The remote folder every name is relative to, without a trailing slash ("/" for the root).</summary>
    public string Folder { get; }

    /// <summary>Why the key text cannot be used (never the key itself), or null when it reads as a private key.</summary>
    public static string? PrivateKeyProblem(string keyText, string? passphrase)
    {
        try
        {
            using var key = ReadPrivateKey(keyText, passphrase);
            return null;
        }
        catch (Exception e) when (e is SshException or SshPassPhraseNullOrEmptyException or ArgumentException or FormatException or NotSupportedException)
        {
            return $"the private key cannot be read ({e.GetType().Name}); give the key file's whole text, and PrivateKeyPassphrase if it is encrypted.";
        }
    }

    /// <summary>Where a name below the remote folder is, for people and the run record.</summary>
    public string Locate(string name) =>
        $"sftp://{_connection.Host}:{_connection.Port}{(Folder.StartsWith('/') ? "" : "/~/")}{Folder.TrimEnd('/')}/{name}";

    /// <summary>Connects, trusting only the pinned host key, and checks the remote folder exists.</summary>
    public async Task<SftpUploadSession> OpenAsync(CancellationToken cancellationToken)
    {
        var client = new SftpClient(_connection) { OperationTimeout = TimeSpan.FromMinutes(2) };
        string? presented = null;
        client.HostKeyReceived += (_, e) =>
        {
            presented = e.FingerPrintSHA256;
            e.CanTrust = Normalize(presented) == _fingerprint;
        };
        try
        {
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            if (!await client.ExistsAsync(Folder, cancellationToken).ConfigureAwait(false))
            {
                throw new RemoteFolderMissing(Folder);
            }

            return new SftpUploadSession(this, client);
        }
        catch (Exception e) when (presented is not null && Normalize(presented) != _fingerprint)
        {
            client.Dispose();
            throw new HostKeyMismatch($"SHA256:{Normalize(presented)}", e);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>What a failure of the server means for the batch, or null when it is none of SFTP's known failures.</summary>
    public BatchOutcome? Classify(Exception exception)
    {
        var server = $"{_connection.Host}:{_connection.Port}";
        return exception switch
        {
            HostKeyMismatch mismatch => new BatchOutcome.Permanent(
                $"The SFTP server at {server} presented host key {mismatch.Presented}, not the pinned SHA256:{_fingerprint}; nothing was sent. "
                + "Check HostKeyFingerprint with the server's owner (a changed key can also mean the connection is intercepted).", FailureKind.Configuration),
            RemoteFolderMissing missing => new BatchOutcome.Permanent(
                $"The remote folder '{missing.Folder}' does not exist on {server}; check Location, or ask the server's owner to create it.", FailureKind.Configuration),
            SshAuthenticationException => new BatchOutcome.Permanent(
                $"The SFTP server at {server} refused user '{_connection.Username}' with the credentials in {_instance.CredentialsReference}.", FailureKind.Authentication),
            SftpPermissionDeniedException => new BatchOutcome.Permanent(
                $"The SFTP server at {server} denied user '{_connection.Username}' writing below '{Folder}'.", FailureKind.Permission),
            SftpPathNotFoundException => new BatchOutcome.Permanent(
                $"A folder below '{Folder}' vanished on {server} while uploading; check Location.", FailureKind.Configuration),
            SshConnectionException or SshOperationTimeoutException or ProxyException => new BatchOutcome.Transient(
                $"The SFTP server at {server} dropped or timed out the connection ({exception.GetType().Name}).", RetryAfter: null, FailureKind.ServiceDown),
            _ => null,
        };
    }

    internal string PathOf(string name) => Folder == "/" ? "/" + name : $"{Folder}/{name}";

    internal static string TemporaryPathOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return $"{path[..(slash + 1)]}{TemporaryPrefix}{path[(slash + 1)..]}{TemporarySuffix}";
    }

    private static PrivateKeyFile ReadPrivateKey(string keyText, string? passphrase)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(keyText.Trim() + "\n"));
        return string.IsNullOrEmpty(passphrase) ? new PrivateKeyFile(stream) : new PrivateKeyFile(stream, passphrase);
    }

    // ssh-keygen prints "SHA256:" and unpadded base64; SSH.NET gives the bare base64.
    private static string Normalize(string fingerprint)
    {
        var trimmed = fingerprint.Trim();
        return (trimmed.StartsWith("SHA256:", StringComparison.Ordinal) ? trimmed["SHA256:".Length..] : trimmed).TrimEnd('=');
    }

    private sealed class HostKeyMismatch(string presented, Exception inner) : Exception("The server's host key is not the pinned one.", inner)
    {
        public string Presented { get; } = presented;
    }

    private sealed class RemoteFolderMissing(string folder) : Exception("The remote folder does not exist.")
    {
        public string Folder { get; } = folder;
    }
}
