using System.Text;

namespace CampaignBot.Delivery.Tests.Fakes;

/// <summary>Reads RFC 4180 CSV strictly, as an importing service would: a stray quote is a format error.</summary>
public static class Csv
{
    public static List<string[]> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<string[]>();
        var record = new List<string>();
        var value = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    value.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    value.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = value.Length == 0 && !wasQuoted ? true : throw new FormatException($"A quote inside an unquoted value at {i}.");
                wasQuoted = true;
            }
            else if (c == ',')
            {
                record.Add(value.ToString());
                value.Clear();
                wasQuoted = false;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))
                {
                    throw new FormatException($"A bare carriage return at {i}.");
                }

                i += c == '\r' ? 1 : 0;
                record.Add(value.ToString());
                records.Add([.. record]);
                record.Clear();
                value.Clear();
                wasQuoted = false;
            }
            else
            {
                value.Append(wasQuoted ? throw new FormatException($"Text after a closing quote at {i}.") : c);
            }
        }

        if (quoted)
        {
            throw new FormatException("An unclosed quote.");
        }

        if (value.Length > 0 || record.Count > 0 || wasQuoted)
        {
            record.Add(value.ToString());
            records.Add([.. record]);
        }

        return records;
    }
}
