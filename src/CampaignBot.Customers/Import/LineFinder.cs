namespace CampaignBot.Customers.Import;

/// <summary>
/// Reads the file again to put lines to the keys the whole-file checks found: the second and later rows of a key
/// listed twice, and the rows whose key the table already holds. Only run when a check fails, so a good import
/// reads its file once.
/// </summary>
internal static class LineFinder
{
    public static async Task ListAsync(
        string path, ImportMapping mapping, IReadOnlySet<string> duplicated, IReadOnlySet<string> stored, ImportProblems problems, CancellationToken cancellationToken)
    {
        var (source, _) = await ImportFile.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        if (source is null)
        {
            return;
        }

        await using (source.ConfigureAwait(false))
        {
            var target = mapping.Target;
            // A key of one column is named in the problem; a key of several is named in its words.
            var keyColumn = target.Key.Count == 1 ? mapping.FileName(target.Key[0]) : null;
            var firstLines = new Dictionary<string, long>(StringComparer.Ordinal);
            await foreach (var row in source.Rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (problems.IsFull)
                {
                    return;
                }

                if (mapping.Read(row, _ => { }) is not { } values)
                {
                    continue;
                }

                var key = target.KeyOf(values);
                if (stored.Contains(key))
                {
                    problems.List(new ImportProblem(row.Line, keyColumn,
                        $"{target.Name} already holds this {target.KeyWords}; import with mode upsert to update it"));
                }

                if (duplicated.Contains(key) && !firstLines.TryAdd(key, row.Line))
                {
                    problems.List(new ImportProblem(row.Line, keyColumn, $"the same {target.KeyWords} as line {firstLines[key]}"));
                }
            }
        }
    }
}
