using CampaignBot.Core.Text;
using CampaignBot.Core.Validation;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Import;

/// <summary>
/// Which file column feeds which table column: by header name, or as the import's column names say
/// (<c>cust_no → customer_id</c>, <c>notes → -</c> to leave a column out). Checked once against the header, with
/// every problem found at once; then reads each row into the table's columns.
/// </summary>
internal sealed class ImportMapping
{
    /// <summary>A column name that means "leave this file column out".</summary>
    public const string Skip = "-";

    private readonly int[] _sourceOf;
    private readonly string[] _fileNames;
    private readonly int _width;
    private readonly char? _separator;

    private ImportMapping(ImportTarget target, int[] sourceOf, string[] fileNames, int width, char? separator)
    {
        Target = target;
        _sourceOf = sourceOf;
        _fileNames = fileNames;
        _width = width;
        _separator = separator;
        Provided = [.. target.Table.Columns.Where((_, i) => sourceOf[i] >= 0)];
    }

    public ImportTarget Target { get; }

    /// <summary>The table columns the file fills, in table order; the others are left empty (or kept, when upserting).</summary>
    public IReadOnlyList<CustomerColumn> Provided { get; }

    /// <summary>The file's name for a table column it fills.</summary>
    public string FileName(CustomerColumn column) => _fileNames[Index(column)];

    public static ImportMapping? From(
        IReadOnlyList<string> header, ImportTarget target, IReadOnlyDictionary<string, string> columnNames, char? separator, List<ImportProblem> problems)
    {
        var table = target.Table;
        var sourceOf = Enumerable.Repeat(-1, table.Columns.Count).ToArray();
        var fileNames = new string[table.Columns.Count];
        var before = problems.Count;
        var renames = new Dictionary<string, string>(columnNames, StringComparer.OrdinalIgnoreCase);
        foreach (var named in renames.Keys.Where(k => !header.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            problems.Add(new ImportProblem(1, named, $"the column names given for the import mention '{named}', which the header does not have; it has {List(header)}"));
        }

        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i];
            if (string.IsNullOrWhiteSpace(name))
            {
                problems.Add(new ImportProblem(1, null, $"field {i + 1} of the header has no name; name it, or remove the column"));
                continue;
            }

            var wanted = renames.GetValueOrDefault(name, name).Trim();
            if (wanted == Skip)
            {
                continue;
            }

            if (table.Find(wanted) is not { } column)
            {
                problems.Add(new ImportProblem(1, name, Unknown(table, name, wanted, header.Count, separator)));
                continue;
            }

            var index = table.Columns.ToList().IndexOf(column);
            if (sourceOf[index] >= 0)
            {
                problems.Add(new ImportProblem(1, name, $"'{fileNames[index]}' already fills {column.Name}; name one of them otherwise, or leave it out ({name}:{Skip})"));
                continue;
            }

            sourceOf[index] = i;
            fileNames[index] = name;
        }

        var provided = table.Columns.Where((_, i) => sourceOf[i] >= 0).ToList();
        problems.AddRange(target.MissingFromHeader(provided).Select(missing => new ImportProblem(1, null, missing)));
        return problems.Count > before ? null : new ImportMapping(target, sourceOf, fileNames, header.Count, separator);
    }

    /// <summary>The row's values in table column order, or null with its problems added to <paramref name="problems"/>.</summary>
    public object?[]? Read(SourceRow row, Action<ImportProblem> problems)
    {
        if (row.Problem is not null)
        {
            problems(row.Problem);
            return null;
        }

        if (row.FieldCount != _width)
        {
            problems(new ImportProblem(row.Line, null, FieldCountProblem(row.FieldCount)));
            return null;
        }

        var columns = Target.Table.Columns;
        var values = new object?[columns.Count];
        var ok = true;
        for (var i = 0; i < columns.Count; i++)
        {
            if (_sourceOf[i] < 0)
            {
                continue;
            }

            if (ImportValues.TryRead(columns[i], row.Values[_sourceOf[i]], out var value, out var reason))
            {
                values[i] = value;
            }
            else
            {
                problems(new ImportProblem(row.Line, _fileNames[i], reason));
                ok = false;
            }
        }

        if (ok && Target.RowProblem(row.Line, values, FileName) is { } rowProblem)
        {
            problems(rowProblem);
            ok = false;
        }

        if (!ok)
        {
            return null;
        }

        Target.Normalize(values);
        return values;
    }

    private string FieldCountProblem(int fields)
    {
        var problem = $"has {Counted.Of(fields, "field")}; the header has {_width}";
        // One field where the header has several: the line is most likely separated by another character.
        return fields == 1 && _width > 1 && _separator is { } separator
            ? $"{problem} (the header separates fields with {SeparatorName(separator)}; is this line separated by something else?)"
            : problem;
    }

    private static string Unknown(CustomerTable table, string name, string wanted, int headerWidth, char? separator)
    {
        if (headerWidth == 1 && separator is not null)
        {
            // A header of one long name: the separator was not found, so the whole line is one column.
            return $"the header reads as one column: CampaignBot separates fields with a comma, semicolon, tab or |, and found none of them between the names. Save the file with one of them";
        }

        var closest = ClosestName.Among(wanted, table.Columns.Select(c => c.Name));
        var meant = closest is null ? "." : $"; did you mean {closest}?";
        return wanted.Equals(name, StringComparison.OrdinalIgnoreCase)
            ? $"{table.Name} has no column '{name}'{meant} Name its column in the import's column names ({name}:column), or leave it out ({name}:{Skip})"
            : $"the column names given for the import map '{name}' to '{wanted}', and {table.Name} has no such column{meant}";
    }

    private static string SeparatorName(char separator) => separator switch
    {
        ',' => "commas",
        ';' => "semicolons",
        '\t' => "tabs",
        '|' => "'|'",
        _ => $"'{separator}'",
    };

    private static string List(IReadOnlyList<string> header) => string.Join(", ", header.Take(30).Select(h => $"'{h}'")) + (header.Count > 30 ? ", ..." : "");

    private int Index(CustomerColumn column) => Target.Table.Columns.ToList().IndexOf(column);
}
