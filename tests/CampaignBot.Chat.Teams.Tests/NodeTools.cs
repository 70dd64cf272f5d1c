using System.Diagnostics;

namespace CampaignBot.Chat.Teams.Tests;

/// <summary>
/// The npm validators installed by scripts/servers/teams-tools.sh, found through CAMPAIGNBOT_TEAMS_TOOLS. Tests that
/// need them use <see cref="NodeToolFactAttribute"/>: skipped when the variable is unset, failing if it is set but broken.
/// </summary>
public static class NodeTools
{
    public const string Variable = "CAMPAIGNBOT_TEAMS_TOOLS";

    public static string? Directory => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } dir ? dir : null;

    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Validators", name);

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string script, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Script(script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[Variable] = Directory ?? throw new InvalidOperationException($"{Variable} is not set");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}

/// <summary>A fact that needs the npm validators; skipped, saying how to get them, when they are not installed.</summary>
public sealed class NodeToolFactAttribute : FactAttribute
{
    public NodeToolFactAttribute()
    {
        if (NodeTools.Directory is null)
        {
            Skip = $"{NodeTools.Variable} is not set: run through scripts/teams/with-teams-tools.sh to install the npm validators.";
        }
    }
}
