namespace CampaignBot.Customers.Import;

/// <summary>What an import does with the rows already in the table.</summary>
public enum ImportMode
{
    /// <summary>Rows whose key is already there get the file's values (columns the file lacks keep theirs); the rest are added.</summary>
    Upsert,

    /// <summary>The table becomes exactly the file's rows.</summary>
    Replace,

    /// <summary>The file's rows are added; a row whose key is already there is rejected.</summary>
    Append,
}

public static class ImportModes
{
    public static IReadOnlyList<string> Names { get; } = ["replace", "upsert", "append"];

    public static bool TryParse(string? text, out ImportMode mode)
    {
        mode = ImportMode.Upsert;
        return text?.Trim().ToLowerInvariant() switch
        {
            null or "" or "upsert" => true,
            "replace" => Set(ImportMode.Replace, out mode),
            "append" => Set(ImportMode.Append, out mode),
            _ => false,
        };
    }

    public static string Name(this ImportMode mode) => mode.ToString().ToLowerInvariant();

    private static bool Set(ImportMode value, out ImportMode mode)
    {
        mode = value;
        return true;
    }
}
