namespace CampaignBot.App.Imports;

/// <summary>
/// A file in <c>Imports:Folder</c> the running service keeps open exclusively, so the import command line can tell
/// that the service is up and refuse to write beside it (LiteDB in direct mode and DuckDB each take one process only).
/// </summary>
public static class ServiceLock
{
    public const string FileName = "service.lock";

    /// <summary>Holds the lock until disposed; null when another process (another instance of the service) holds it.</summary>
    public static FileStream? TryHold(string folder)
    {
        Directory.CreateDirectory(folder);
        try
        {
            return new FileStream(Path.Combine(folder, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Whether a running service holds the lock.</summary>
    public static bool IsHeld(string folder)
    {
        using var held = TryHold(folder);
        return held is null;
    }
}
