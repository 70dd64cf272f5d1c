using System.Text;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors.Files;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace CampaignBot.Delivery.Connectors.Sftp;

/// <summary>
/// Drops the files on an SFTP server below the remote folder Location (which must exist; the campaign and
/// run folders are created). Each file is uploaded under a hidden temporary name and renamed into place
/// with posix-rename, which replaces an earlier upload atomically (plain SFTP rename refuses to overwrite).
/// Only a server showing the pinned host key is trusted: any other is a configuration failure and gets
/// nothing. Credentials: PrivateKey (PEM or OpenSSH text, optional PrivateKeyPassphrase) or Password.
/// </summary>
public sealed class SftpConnector : FileDropConnector
{
    public const int DefaultPort = 22;
    private const string TemporaryPrefix = ".";
    private const string TemporarySuffix = ".uploading";

    private readonly ConnectionInfo _connection;
    private readonly string _folder;
    private readonly string _fingerprint;

    public SftpConnector(DestinationInstance instance, IReadOnlyDictionary<string, string> credentials)
        : base(instance, DestinationKind.Sftp)
    {
        ArgumentNullException.ThrowIfNull(credentials);
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
        _folder = (instance.Location ?? "").TrimEnd('/') is { Length: > 0 } folder ? folder : "/";
        _fingerprint = Normalize(instance.HostKeyFingerprint ?? "");
    }

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

    public override string Locate(string name) =>
        $"sftp://{_connection.Host}:{_connection.Port}{(_folder.StartsWith('/') ? "" : "/~/")}{_folder.TrimEnd('/')}/{name}";

    protected override async Task<IFileStoreSession> OpenAsync(CancellationToken cancellationToken)
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
            if (!await client.ExistsAsync(_folder, cancellationToken).ConfigureAwait(false))
            {
                throw new RemoteFolderMissing(_folder);
            }

            return new Session(this, client);
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

    protected override BatchOutcome? Classify(Exception exception)
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
                $"The SFTP server at {server} refused user '{_connection.Username}' with the credentials in {Instance.CredentialsReference}.", FailureKind.Authentication),
            SftpPermissionDeniedException => new BatchOutcome.Permanent(
                $"The SFTP server at {server} denied user '{_connection.Username}' writing below '{_folder}'.", FailureKind.Permission),
            SftpPathNotFoundException => new BatchOutcome.Permanent(
                $"A folder below '{_folder}' vanished on {server} while uploading; check Location.", FailureKind.Configuration),
            SshConnectionException or SshOperationTimeoutException or ProxyException => new BatchOutcome.Transient(
                $"The SFTP server at {server} dropped or timed out the connection ({exception.GetType().Name}).", RetryAfter: null, FailureKind.ServiceDown),
            _ => null,
        };
    }

    private string PathOf(string name) => _folder == "/" ? "/" + name : $"{_folder}/{name}";

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

    private sealed class Session(SftpConnector connector, SftpClient client) : IFileStoreSession
    {
        public async Task UploadAsync(string name, string localFile, CancellationToken cancellationToken)
        {
            var path = connector.PathOf(name);
            var slash = path.LastIndexOf('/');
            await CreateFoldersAsync(path[..slash], cancellationToken).ConfigureAwait(false);
            var temporary = $"{path[..(slash + 1)]}{TemporaryPrefix}{path[(slash + 1)..]}{TemporarySuffix}";
            try
            {
                await using (var file = File.OpenRead(localFile))
                {
                    await client.UploadFileAsync(file, temporary, cancellationToken).ConfigureAwait(false);
                }

                // RenameFileAsync has no posix flag; the plain SFTP rename it sends fails when the part already exists.
                client.RenameFile(temporary, path, isPosix: true);
            }
            catch (Exception failure) when (failure is SshException or IOException)
            {
                // Leave no half-written hidden file behind; the upload's own failure is the one to report.
                try
                {
                    if (client.IsConnected && client.Exists(temporary))
                    {
                        client.DeleteFile(temporary);
                    }
                }
                catch (SshException cleanup)
                {
                    failure.Data["TemporaryFileNotRemoved"] = $"{temporary}: {cleanup.Message}";
                }

                throw;
            }
        }

        public async Task<long?> SizeOfAsync(string name, CancellationToken cancellationToken)
        {
            try
            {
                var attributes = await client.GetAttributesAsync(connector.PathOf(name), cancellationToken).ConfigureAwait(false);
                return attributes.Size;
            }
            catch (SftpPathNotFoundException)
            {
                return null;
            }
        }

        public ValueTask DisposeAsync()
        {
            client.Dispose();
            return ValueTask.CompletedTask;
        }

        // Creates the campaign and run folders below the (existing) remote folder, tolerating a parallel delivery creating them first.
        private async Task CreateFoldersAsync(string folder, CancellationToken cancellationToken)
        {
            var path = connector._folder;
            foreach (var segment in folder[connector._folder.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                path = $"{path.TrimEnd('/')}/{segment}";
                if (await client.ExistsAsync(path, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                try
                {
                    await client.CreateDirectoryAsync(path, cancellationToken).ConfigureAwait(false);
                }
                catch (SshException) when (client.Exists(path))
                {
                    // Another delivery of the same run created it between the check and the create.
                }
            }
        }
    }
}
