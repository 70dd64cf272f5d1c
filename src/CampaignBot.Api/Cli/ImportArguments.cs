using CampaignBot.Customers.Import;

namespace CampaignBot.Api.Cli;

/// <summary>
/// <c>import FILE --table TABLE [--mode MODE] [--mapping PAIRS]</c>; every other argument is a setting for the
/// service's configuration, as when it runs (<c>--Customers:Engine=postgres</c>).
/// </summary>
internal sealed record ImportArguments(string File, string? Table, string? Mode, string? Mapping, IReadOnlyList<string> Settings)
{
    public const string Verb = "import";

    /// <summary>The command's help: the tables and modes as the importer knows them.</summary>
    public static string Usage { get; } =
        $"Usage: import FILE --table {string.Join('|', ImportTarget.All.Select(t => t.Name))} [--mode {string.Join('|', ImportModes.Names)}] " +
        "[--mapping \"file column:table column,...\"] [--Section:Key=value ...]";

    public static ImportArguments? Parse(IReadOnlyList<string> args, out string? problem)
    {
        problem = null;
        string? file = null, table = null, mode = null, mapping = null;
        var settings = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--table" or "--mode" or "--mapping" when i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal):
                    problem = $"{arg} needs a value.";
                    return null;
                case "--table":
                    table = args[++i];
                    break;
                case "--mode":
                    mode = args[++i];
                    break;
                case "--mapping":
                    mapping = args[++i];
                    break;
                case "--help" or "-h":
                    problem = "";
                    return null;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal) && !IsSetting(arg))
                    {
                        var name = arg.TrimStart('-').Split('=')[0];
                        var meant = Core.Validation.ClosestName.Among(name, ["table", "mode", "mapping"]);
                        problem = $"'{arg}' is not an option{(meant is null ? "" : $"; did you mean --{meant}?")} Settings are written --Section:Key=value.";
                        return null;
                    }

                    if (arg.StartsWith("--", StringComparison.Ordinal))
                    {
                        // A setting, with its value after '=' or as the next argument.
                        settings.Add(arg);
                        if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Count)
                        {
                            settings.Add(args[++i]);
                        }
                    }
                    else if (file is null)
                    {
                        file = arg;
                    }
                    else
                    {
                        problem = $"'{arg}' is a second file; import one file at a time.";
                        return null;
                    }

                    break;
            }
        }

        if (file is null)
        {
            problem = "Name the file to import.";
            return null;
        }

        return new ImportArguments(file, table, mode, mapping, settings);
    }

    // Configuration keys have a section (--Customers:Engine=postgres); the host's own switches do not.
    private static bool IsSetting(string arg)
    {
        var name = arg[2..].Split('=')[0];
        return name.Contains(':', StringComparison.Ordinal) || name.Contains("__", StringComparison.Ordinal)
            || name.Equals("environment", StringComparison.OrdinalIgnoreCase) || name.Equals("contentRoot", StringComparison.OrdinalIgnoreCase);
    }
}
