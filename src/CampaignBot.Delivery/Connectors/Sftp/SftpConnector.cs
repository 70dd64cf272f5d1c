using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors.Files;

namespace CampaignBot.Delivery.Connectors.Sftp;

/// <summary>
/// Drops the files on an SFTP server below the remote folder Location (which must exist; the campaign and
/// run folders are created). Each file is uploaded under a hidden temporary name and renamed into place
/// with posix-rename, which replaces an earlier upload atomically (plain SFTP rename refuses to overwrite).
/// Only a server showing the pinned host key is trusted: any other is a configuration failure and gets
/// nothing. Credentials: PrivateKey (PEM or OpenSSH text, optional PrivateKeyPassphrase) or Password.
/// The connection itself is <see cref="SftpTransport"/>'s, shared with Attentive's segment upload.
/// </summary>
public sealed class SftpConnector : FileDropConnector
{
    public const int DefaultPort = SftpTransport.DefaultPort;

    private readonly SftpTransport _transport;

    public SftpConnector(DestinationInstance instance, IReadOnlyDictionary<string, string> credentials)
        : base(instance, DestinationKind.Sftp)
    {
        _transport = new SftpTransport(instance, credentials);
    }

    /// <summary>Why the key text cannot be used (never the key itself), or null when it reads as a private key.</summary>
    public static string? PrivateKeyProblem(string keyText, string? passphrase) => SftpTransport.PrivateKeyProblem(keyText, passphrase);

    public override string Locate(string name) => _transport.Locate(name);

    protected override async Task<IFileStoreSession> OpenAsync(CancellationToken cancellationToken) =>
        await _transport.OpenAsync(cancellationToken).ConfigureAwait(false);

    protected override BatchOutcome? Classify(Exception exception) => _transport.Classify(exception);
}
