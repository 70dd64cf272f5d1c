namespace CampaignBot.Customers.Engine;

/// <summary>Copies CSV text while counting its records: line ends outside quoted fields.</summary>
internal static class CsvLines
{
    public static async Task<long> CopyAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[81_920];
        long records = 0;
        var quoted = false;
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            // A doubled quote inside a quoted field toggles twice, so the state stays right without lookahead.
            foreach (var b in buffer.AsSpan(0, read))
            {
                if (b == (byte)'"')
                {
                    quoted = !quoted;
                }
                else if (b == (byte)'\n' && !quoted)
                {
                    records++;
                }
            }

            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        return records;
    }
}
