using CampaignBot.Delivery.Connectors.Files;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace CampaignBot.Delivery.Connectors.Sftp;

/// <summary>One signed-in connection of <see cref="SftpTransport"/>; names are relative to its remote folder.</summary>
public sealed class SftpUploadSession : IFileStoreSession
{
    private readonly SftpTransport _transport;
    private readonly SftpClient _client;

    internal SftpUploadSession(SftpTransport transport, SftpClient client)
    {
        _transport = transport;
        _client = client;
    }

    /// <summary>
    /// Uploads under a hidden temporary name and renames it into place with posix-rename, which replaces an earlier
    /// upload atomically (plain SFTP rename refuses to overwrite); folders below the remote folder are created.
    /// </summary>
    public async Task UploadAsync(string name, string localFile, CancellationToken cancellationToken)
    {
        var path = _transport.PathOf(name);
        await CreateFoldersAsync(path[..path.LastIndexOf('/')], cancellationToken).ConfigureAwait(false);
        var temporary = SftpTransport.TemporaryPathOf(path);
        try
        {
            await using (var file = File.OpenRead(localFile))
            {
                await _client.UploadFileAsync(file, temporary, cancellationToken).ConfigureAwait(false);
            }

            // RenameFileAsync has no posix flag; the plain SFTP rename it sends fails when the part already exists.
            _client.RenameFile(temporary, path, isPosix: true);
        }
        catch (Exception failure) when (failure is SshException or IOException)
        {
            // Leave no half-written hidden file behind; the upload's own failure is the one to report.
            try
            {
                if (_client.IsConnected && _client.Exists(temporary))
                {
                    _client.DeleteFile(temporary);
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
            var attributes = await _client.GetAttributesAsync(_transport.PathOf(name), cancellationToken).ConfigureAwait(false);
            return attributes.Size;
        }
        catch (SftpPathNotFoundException)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    // Creates the folders below the (existing) remote folder, tolerating a parallel delivery creating them first.
    private async Task CreateFoldersAsync(string folder, CancellationToken cancellationToken)
    {
        var path = _transport.Folder;
        foreach (var segment in folder[Math.Min(_transport.Folder.Length, folder.Length)..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path = $"{path.TrimEnd('/')}/{segment}";
            if (await _client.ExistsAsync(path, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            try
            {
                await _client.CreateDirectoryAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (SshException) when (_client.Exists(path))
            {
                // Another delivery of the same run created it between the check and the create.
            }
        }
    }
}
