using System.Diagnostics;

namespace CampaignBot.Bench;

/// <summary>The process's peak resident memory (Linux VmHWM), which a benchmark may reset between phases.</summary>
public static class PeakMemory
{
    public static double Megabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / 1_048_576.0;
    }

    /// <summary>Writing 5 to clear_refs resets the peak to the current size (Linux 4.0+); elsewhere it is a no-op.</summary>
    public static void Reset()
    {
        if (OperatingSystem.IsLinux())
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
    }
}
