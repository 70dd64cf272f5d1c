namespace CampaignBot.Delivery.Connectors.Attentive;

/// <summary>
/// The members of a bulk request: the target's one identifier (email, or phone in E.164 with its "+"), and
/// clientUserId when customer_id is among the fields and fits Attentive's 100 characters.
/// </summary>
internal static class AttentiveMembers
{
    public static IReadOnlyList<Dictionary<string, string>> Of(DeliveryBatch batch)
    {
        var fields = batch.Target.Fields;
        var column = SegmentIdentifier.Of(batch).Column;
        var identifier = fields[column].ToLowerInvariant();
        var customer = Index(fields, "customer_id");
        return batch.Rows.Select(row =>
        {
            var member = new Dictionary<string, string>(StringComparer.Ordinal) { [identifier] = row[column]! };
            if (customer >= 0 && row[customer] is { Length: > 0 and <= 100 } id)
            {
                member["clientUserId"] = id;
            }

            return member;
        }).ToList();
    }

    private static int Index(IReadOnlyList<string> fields, string name)
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
}
