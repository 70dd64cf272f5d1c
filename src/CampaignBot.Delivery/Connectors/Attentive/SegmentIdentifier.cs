using System.Globalization;
using CampaignBot.Core.Text;

namespace CampaignBot.Delivery.Connectors.Attentive;

/// <summary>
/// Which column of a batch is the one identifier its segment file carries. Attentive refuses a file that mixes
/// emails and phone numbers, so a batch with both, or with a value of the other kind in its column, is refused
/// whole (the campaign rules let only one of email or phone through; reaching this is a bug upstream). Reasons
/// give counts and row numbers, never the values.
/// </summary>
internal sealed record SegmentIdentifier(int Column, string? Refusal)
{
    private const string Email = "email";
    private const string Phone = "phone";

    public static SegmentIdentifier Of(DeliveryBatch batch)
    {
        var target = batch.Target;
        var email = IndexOf(target.Fields, Email);
        var phone = IndexOf(target.Fields, Phone);
        var about = $"Batch {batch.Sequence} of segment '{target.ListName}'";
        if (email < 0 && phone < 0)
        {
            return Refuse($"{about} has neither an email nor a phone column; an Attentive segment file needs one of them.");
        }

        var withEmail = email < 0 ? 0 : batch.Rows.Count(r => !string.IsNullOrEmpty(r[email]));
        var withPhone = phone < 0 ? 0 : batch.Rows.Count(r => !string.IsNullOrEmpty(r[phone]));
        if (withEmail > 0 && withPhone > 0)
        {
            return Refuse(string.Create(CultureInfo.InvariantCulture,
                $"{about} mixes identifiers ({Counted.Of(withEmail, "row")} with an email, {withPhone} with a phone); an Attentive segment file takes one identifier type, so nothing was uploaded. Send either email or phone to Attentive."));
        }

        var column = email >= 0 && (phone < 0 || withPhone == 0) ? email : phone;
        var isEmail = column == email;
        var wrong = batch.Rows.Select((row, i) => (Value: row[column], Row: i + 1))
            .Where(r => string.IsNullOrEmpty(r.Value) || (isEmail ? !r.Value.Contains('@', StringComparison.Ordinal) : !IsE164(r.Value)))
            .Select(r => r.Row).ToList();
        if (wrong.Count > 0)
        {
            var expected = isEmail ? "an email address" : "a phone number in E.164 form (\"+\" and digits)";
            return Refuse(string.Create(CultureInfo.InvariantCulture,
                $"{about}: {wrong.Count} of {Counted.Of(batch.Rows.Count, "row")} ({(wrong.Count == 1 ? "row" : "rows")} {string.Join(", ", wrong.Take(5))}{(wrong.Count > 5 ? ", …" : "")}) {(wrong.Count == 1 ? "does" : "do")} not hold {expected} in the {(isEmail ? Email : Phone)} column; an Attentive segment file takes one identifier type, so nothing was uploaded."));
        }

        return new SegmentIdentifier(column, null);
    }

    private static SegmentIdentifier Refuse(string reason) => new(-1, reason);

    private static int IndexOf(IReadOnlyList<string> fields, string name)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (string.Equals(fields[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsE164(string value) => value.Length > 1 && value[0] == '+' && value[1..].All(char.IsAsciiDigit);
}
