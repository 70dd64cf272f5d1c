using System.Globalization;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Audiences;

/// <summary>
/// Values read beside each customer while the audience is placed (attributes, flags from other tables), over the
/// customer_360 row <c>c</c> and the tables <see cref="AppendJoins"/> joins to it, and carried out of
/// <see cref="AudienceSql.Placed"/> as <c>x0</c>, <c>x1</c>, …. Joining next to customer_360 rather than to the
/// placed rows keeps each join on the customer's shard where the engine spreads tables over shards.
/// </summary>
/// <param name="Expressions">SQL over <c>c</c> and the joined aliases, written in this codebase.</param>
/// <param name="AppendJoins">Appends the joins (" LEFT JOIN … ON …") the expressions read.</param>
internal sealed record CarriedColumns(IReadOnlyList<string> Expressions, Action<SqlBuilder> AppendJoins)
{
    public static string Name(int index) => "x" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The attributes' columns, each table joined once by customer id as <c>t0</c>, <c>t1</c>, ….</summary>
    public static CarriedColumns Attributes(IReadOnlyList<AttributeColumn> attributes) =>
        Of(attributes.Select(a => (a.Table, a.Column)).ToList(), SqlBuilder.Qualified, _ => { });

    /// <summary>
    /// One expression per table column, made by <paramref name="expression"/> from the column and its table's alias,
    /// then <paramref name="appendMoreJoins"/>'s joins after the tables'.
    /// </summary>
    public static CarriedColumns Of(
        IReadOnlyList<(CustomerTable Table, CustomerColumn Column)> columns, Func<CustomerColumn, string, string> expression, Action<SqlBuilder> appendMoreJoins)
    {
        var tables = columns.Select(c => c.Table).Distinct().ToList();
        var expressions = columns.Select(c => expression(c.Column, TableAlias(tables.IndexOf(c.Table)))).ToList();
        return new CarriedColumns(expressions, sql =>
        {
            for (var t = 0; t < tables.Count; t++)
            {
                sql.Sql($" LEFT JOIN {sql.Engine.Tables.From(tables[t])} {TableAlias(t)} ON {TableAlias(t)}.customer_id = c.customer_id");
            }

            appendMoreJoins(sql);
        });
    }

    private static string TableAlias(int table) => "t" + table.ToString(CultureInfo.InvariantCulture);
}
