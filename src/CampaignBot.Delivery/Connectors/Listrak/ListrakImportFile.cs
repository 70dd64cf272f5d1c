using System.Text;

namespace CampaignBot.Delivery.Connectors.Listrak;

/// <summary>
/// One batch as the body of <c>POST /v1/List/{listId}/ListImport</c>: a comma-separated file with a header row
/// and double quotes as the text qualifier, base64 encoded, with one mapping per column (destinations.md §3).
/// </summary>
public sealed record ListrakImportFile(string FileName, string FileStream, IReadOnlyList<object> FileMappings, string ImportType)
{
    public const string AddSubscribers = "AddSubscribers";
    public const string AddSubscribersAndSegmentationData = "AddSubscribersAndSegmentationData";
    public const string RemoveSubscribers = "RemoveSubscribers";

    /// <param name="header">The file's column names, in the order of <paramref name="rows"/>' values.</param>
    /// <param name="emailColumn">The column Listrak maps as the contact's email.</param>
    /// <param name="fieldIds">The profile field id of every other column, by column name.</param>
    public static ListrakImportFile For(string fileName, IReadOnlyList<string> header, IEnumerable<string?[]> rows, int emailColumn,
        IReadOnlyDictionary<string, string> fieldIds, string importType)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(fieldIds);
        var csv = new StringBuilder();
        AppendLine(csv, header);
        foreach (var row in rows)
        {
            AppendLine(csv, row);
        }

        var mappings = header.Select((name, column) => column == emailColumn
            ? (object)new { fileColumn = column, fileColumnType = "Email" }
            : new { fileColumn = column, fileColumnType = "SegmentationField", segmentationFieldId = fieldIds[name] }).ToList();
        return new ListrakImportFile(fileName, Convert.ToBase64String(Encoding.UTF8.GetBytes(csv.ToString())), mappings, importType);
    }

    /// <summary>The JSON body; emails are never sent to new journeys or notification addresses by an import.</summary>
    public object Body() => new
    {
        fileDelimiter = ",",
        fileMappings = FileMappings,
        fileName = FileName,
        fileStream = FileStream,
        hasColumnNames = true,
        importType = ImportType,
        // Update sets the columns sent and leaves the contact's other profile fields alone.
        segmentationImportType = "Update",
        suppressEmailNotifications = true,
        textQualifier = "\"",
        triggerJourney = false,
    };

    /// <summary>Names the file only: its content is customer data, which never goes into a log.</summary>
    public override string ToString() => $"{FileName} ({ImportType})";

    private static void AppendLine(StringBuilder csv, IEnumerable<string?> values)
    {
        var first = true;
        foreach (var value in values)
        {
            if (!first)
            {
                csv.Append(',');
            }

            first = false;
            csv.Append(Quoted(value ?? ""));
        }

        // RFC 4180 ends records with CRLF; a line break inside a quoted value stays as it is.
        csv.Append("\r\n");
    }

    private static string Quoted(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}
