using System.Globalization;
using CsvHelper;

namespace CampaignBot.Customers.Audiences;

/// <summary>
/// Writes placed members as CSV (customer_id, sub_audience, group, then the attributes), one row at a
/// time, so an audience of any size passes through in constant memory.
/// </summary>
public static class AudienceCsv
{
    public static async Task<long> WriteAsync(
        IAsyncEnumerable<AudienceMember> members, IReadOnlyList<AttributeColumn> attributes, Stream output, CancellationToken cancellationToken = default)
    {
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        csv.WriteHeader(["customer_id", "sub_audience", "group", .. attributes.Select(a => a.Name)]);
        long rows = 0;
        await foreach (var member in members.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            csv.WriteField(member.CustomerId);
            csv.WriteField(member.Slot.SubAudience.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(member.Slot.Group.ToString(CultureInfo.InvariantCulture));
            foreach (var value in member.Attributes)
            {
                csv.WriteField(Text(value));
            }

            await csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);
            rows++;
        }

        await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string text => text,
        DateTime date when date.TimeOfDay == TimeSpan.Zero => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
