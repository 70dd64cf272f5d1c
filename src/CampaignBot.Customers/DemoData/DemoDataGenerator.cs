using System.Data.Common;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;
using static CampaignBot.Customers.DemoData.DemoVocabulary;

namespace CampaignBot.Customers.DemoData;

/// <summary>
/// Generates demo customers inside the engine, so 10M rows take seconds and never cross into .NET.
/// Every value derives from md5(seed, row number) with integer arithmetic the dialects share, so the
/// same seed gives the same customers in DuckDB, PostgreSQL and ClickHouse. The skew is realistic: a few percent of
/// emails and phones missing or malformed, opt-outs, a long-tailed lifetime value, suppressions.
/// </summary>
public sealed class DemoDataGenerator(CustomerEngine engine)
{
    public const string DefaultSeed = "campaignbot-demo";

    /// <summary>Ids are "C" and eight digits.</summary>
    public const long MaxCustomers = 99_999_999;

    private const string RowNumbers = "demo_row_numbers";

    /// <summary>
    /// Replaces all customer data with <paramref name="customers"/> generated customers. The rows are built in
    /// new tables and swapped in at the end (<see cref="CustomerEngine.ReplaceTablesAsync"/>: one short transaction
    /// in DuckDB and PostgreSQL), so readers see the old data or the new, never a mix, without holding a 10M-row
    /// transaction open (which doubles DuckDB's work).
    /// </summary>
    public async Task GenerateAsync(long customers, DateOnly asOf, string seed = DefaultSeed, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(customers);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(customers, MaxCustomers);
        if (engine.Tables.AnyMapped)
        {
            // The mapped tables are the user's data; demo rows beside them would mix invented customers with real ones.
            throw new InvalidOperationException(
                $"Demo data is never generated while customer tables are mapped ({string.Join(", ", engine.Tables.Mapped.Select(m => m.Table.Name))}).");
        }

        await CustomerTables.EnsureCreatedAsync(engine, cancellationToken).ConfigureAwait(false);
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        var tables = new[] { CustomerSchema.Customer360.Name, CustomerSchema.MergedCustomers.Name, CustomerSchema.Suppressions, CustomerSchema.Transactions };
        try
        {
            foreach (var table in tables)
            {
                await engine.DropTableAsync(connection, Fresh(table), cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            await engine.CreateTableAsync(connection, CustomerTables.Shape(CustomerSchema.Customer360, Fresh(CustomerSchema.Customer360.Name)), cancellationToken: cancellationToken).ConfigureAwait(false);
            await engine.CreateTableAsync(connection, CustomerTables.Shape(CustomerSchema.MergedCustomers, Fresh(CustomerSchema.MergedCustomers.Name)), cancellationToken: cancellationToken).ConfigureAwait(false);
            await engine.CreateTableAsync(connection, CustomerTables.SuppressionsShape(Fresh(CustomerSchema.Suppressions)), cancellationToken: cancellationToken).ConfigureAwait(false);
            await engine.CreateTableAsync(connection, CustomerTables.Shape(CustomerSchema.TransactionList, Fresh(CustomerSchema.Transactions)), cancellationToken: cancellationToken).ConfigureAwait(false);

            // Row numbers from a table rather than a series function: engines scan tables in parallel.
            await engine.CreateTableAsync(connection, new TableShape(RowNumbers, [new("i", ColumnType.Integer, Required: true)], ByCustomer: false, Temporary: true), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            var series = new SqlBuilder(engine);
            series.Sql($"INSERT INTO {RowNumbers} (i) SELECT i FROM {engine.Series(series.ValuePlaceholder(customers))}");
            await connection.ExecuteAsync(engine, series.Build(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(engine, Customer360(asOf, seed), cancellationToken: cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(engine, Orders(asOf, seed), cancellationToken: cancellationToken).ConfigureAwait(false);
            await engine.DropTableAsync(connection, RowNumbers, cancellationToken: cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(engine, MergedCustomers(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(engine, Suppressions(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await engine.ReplaceTablesAsync(connection, tables.Select(t => (t, Fresh(t))).ToList(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var table in tables.Select(Fresh).Append(RowNumbers))
            {
                await engine.DropTableAsync(connection, table, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static string Fresh(string table) => table + "_generated";

    /// <summary>Generates only when there are no customers yet (first start) and no table is mapped; returns whether it did.</summary>
    public async Task<bool> SeedIfEmptyAsync(long customers, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        await CustomerTables.EnsureCreatedAsync(engine, cancellationToken).ConfigureAwait(false);
        if (engine.Tables.AnyMapped)
        {
            return false;
        }

        if (await CustomerTables.CountAsync(engine, CustomerSchema.Customer360, cancellationToken).ConfigureAwait(false) > 0)
        {
            return false;
        }

        await GenerateAsync(customers, asOf, cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    }

    private SqlStatement Customer360(DateOnly asOf, string seed)
    {
        var sql = new SqlBuilder(engine);
        var seedValue = sql.ValuePlaceholder(seed);
        var today = sql.ValuePlaceholder(asOf);
        string Div(string a, long b) => engine.IntegerDivide(a, b.ToString(System.Globalization.CultureInfo.InvariantCulture));
        string Pick(string[] words, string index) => engine.PickFrom(words, index);
        string Random(string hash, int offset) => engine.HexToInteger($"substr({hash}, {offset}, 8)");
        // The cent as a decimal from text: ClickHouse reads a bare 0.01 as a double, and its cast back truncates.
        string Money(string cents) =>
            $"CAST(CAST({cents} AS {engine.TypeOf(ColumnType.Money)}) * CAST('0.01' AS {engine.TypeOf(ColumnType.Money)}) AS {engine.TypeOf(ColumnType.Money)})";
        string Text(string expression) => $"CAST({expression} AS {engine.TypeOf(ColumnType.Text)})";
        const string idfa = "substr(h2, 1, 8) || '-' || substr(h2, 9, 4) || '-' || substr(h2, 13, 4) || '-' || substr(h2, 17, 4) || '-' || substr(h2, 21, 12)";

        var columns = string.Join(", ", CustomerSchema.Customer360.Columns.Select(c => SqlBuilder.Quote(c.Name)));
        sql.Sql($"""
            INSERT INTO {Fresh(CustomerSchema.Customer360.Name)} ({columns})
            WITH randoms AS (
              SELECT i, h2, r1, r2, r3, r4,
                (r1 * 48271 + r4) % 4294967296 AS r5, (r2 * 69621 + r1) % 4294967296 AS r6,
                (r3 * 16807 + r2) % 4294967296 AS r7, (r4 * 40692 + r3) % 4294967296 AS r8
              FROM (
                SELECT i, h2, {Random("h2", 1)} AS r1, {Random("h2", 9)} AS r2, {Random("h2", 17)} AS r3, {Random("h2", 25)} AS r4
                FROM (SELECT i, {engine.Md5Hex($"{seedValue} || ':' || {Text("i")}")} AS h2 FROM {RowNumbers}) hashed
              ) hexed
            )
            SELECT
              'C' || lpad({Text("i + 1")}, 8, '0'),
              given_name,
              surname,
              CASE WHEN r2 % 100 < 3 THEN NULL
                   WHEN r2 % 100 < 6 THEN lower(given_name) || '.' || lower(surname) || '@'
                   ELSE lower(given_name) || '.' || lower(surname) || {Text("i + 1")} || '@' || {Pick(EmailDomains, $"{Div("r2", 100)} % {EmailDomains.Length}")} END,
              CASE WHEN r4 % 100 < 4 THEN NULL
                   WHEN r4 % 100 < 7 THEN '555-' || {Text("r4 % 1000")}
                   ELSE '+1' || {Text("200 + r4 % 800")} || {Text($"200 + {Div("r4", 800)} % 800")} || lpad({Text($"{Div("r4", 640000)} % 10000")}, 4, '0') END,
              CASE WHEN {Div("r5", 20000)} % 100 < 5 THEN NULL ELSE CAST('1950-01-01' AS {engine.TypeOf(ColumnType.Date)}) + CAST(r5 % 20000 AS INTEGER) END,
              {Pick(Genders, $"{Div("r5", 2000000)} % {Genders.Length}")},
              {Pick(Cities, "city")},
              {Pick(States, "city")},
              {Pick(PostalPrefixes, "city")} || lpad({Text("r3 % 100")}, 2, '0'),
              'US',
              {Money($"CASE WHEN ordered THEN lv_cents ELSE 0 END")},
              {Money($"{Div($"lv_cents * (50 + r7 % 150)", 100)} + 2500")},
              CAST({Div($"days * 700", 730)} + {Div("r7", 150)} % 300 AS {engine.TypeOf(ColumnType.Fraction)}) / CAST(1000 AS {engine.TypeOf(ColumnType.Fraction)}),
              CASE WHEN NOT ordered THEN 'lapsed' WHEN days < 60 THEN 'active' WHEN days < 150 THEN 'cooling down' WHEN days < 365 THEN 'at risk' ELSE 'lapsed' END,
              {Pick(Categories, $"{Div("r6", 1000000)} % {Categories.Length}")},
              {Div("r8", 73000)} % 10 < 3,
              {Div("r2", 60000)} % 10 < 8,
              {Div("r4", 70000)} % 10 < 5,
              CASE WHEN ordered THEN CAST({today} AS {engine.TypeOf(ColumnType.Date)}) - CAST(days AS INTEGER) ELSE NULL END,
              CASE WHEN ordered THEN 1 + {Div($"({Div("r6", 1000)} % 1000) * ({Div("r6", 1000)} % 1000)", 20000)} ELSE 0 END,
              CASE WHEN r5 % 3 = 0 THEN upper({idfa}) ELSE NULL END,
              CASE WHEN r5 % 3 = 1 THEN lower({idfa}) ELSE NULL END
            FROM (
              SELECT i, h2, r2, r3, r4, r5, r6, r7, r8,
                {Pick(GivenNames, $"r1 % {GivenNames.Length}")} AS given_name,
                {Pick(Surnames, $"{Div("r1", GivenNames.Length)} % {Surnames.Length}")} AS surname,
                r3 % {Cities.Length} AS city,
                r8 % 730 AS days,
                {Div("r8", 730)} % 100 >= 5 AS ordered,
                {Div($"(r6 % 1000) * (r6 % 1000) * (r6 % 1000)", 2000)} * (CASE WHEN {Div("r6", 1000)} % 1000 < 5 THEN 10 ELSE 1 END) AS lv_cents
              FROM randoms
            ) named
            """);
        return sql.Build();
    }

    /// <summary>
    /// Baseline purchase history: 0 to 6 orders per customer (3 on average, so 10M customers hold 30M orders) over the
    /// year before <paramref name="asOf"/>, of $15 to $165, on the web, in store or in the app. Campaign results count
    /// only orders after a send; the demo's post-send orders come from <see cref="OrderSimulator"/>.
    /// </summary>
    private SqlStatement Orders(DateOnly asOf, string seed)
    {
        var sql = new SqlBuilder(engine);
        var seedValue = sql.ValuePlaceholder(seed);
        var today = sql.ValuePlaceholder(asOf);
        string Text(string expression) => $"CAST({expression} AS {engine.TypeOf(ColumnType.Text)})";
        string Money(string cents) =>
            $"CAST(CAST({cents} AS {engine.TypeOf(ColumnType.Money)}) * CAST('0.01' AS {engine.TypeOf(ColumnType.Money)}) AS {engine.TypeOf(ColumnType.Money)})";
        var midnight = $"CAST(CAST({today} AS {engine.TypeOf(ColumnType.Date)}) AS {engine.TypeOf(ColumnType.Timestamp)})";
        var columns = string.Join(", ", CustomerSchema.TransactionList.Columns.Select(c => SqlBuilder.Quote(c.Name)));
        sql.Sql($"""
            INSERT INTO {Fresh(CustomerSchema.Transactions)} ({columns})
            SELECT
              'C' || lpad({Text("h.i + 1")}, 8, '0'),
              'O' || lpad({Text("h.i + 1")}, 8, '0') || '-' || {Text("k.j")},
              {engine.PlusMinutes(midnight, $"-1 - ((h.r2 % 1000003) * (k.j + 1)) % 525600")},
              {Money("1500 + ((h.r1 % 1000003) * (k.j + 3)) % 15000")},
              {engine.PickFrom(OrderChannels, $"(h.r2 + k.j) % {OrderChannels.Length}")}
            FROM (
              SELECT i, {engine.HexToInteger("substr(h, 1, 8)")} AS r1, {engine.HexToInteger("substr(h, 9, 8)")} AS r2
              FROM (SELECT i, {engine.Md5Hex($"{seedValue} || ':orders:' || {Text("i")}")} AS h FROM {RowNumbers}) hashed
            ) h
            CROSS JOIN (SELECT i AS j FROM {engine.Series("6")}) k
            WHERE k.j < h.r1 % 7
            """);
        return sql.Build();
    }

    // The best PII per customer: well-formed emails lower-cased, malformed ones dropped.
    private static SqlStatement MergedCustomers()
    {
        var merged = CustomerSchema.MergedCustomers;
        var columns = string.Join(", ", merged.Columns.Select(c => SqlBuilder.Quote(c.Name)));
        var selected = string.Join(", ", merged.Columns.Select(c => c.Name == "email"
            ? "CASE WHEN email LIKE '%_@_%._%' THEN lower(trim(email)) ELSE NULL END"
            : SqlBuilder.Quote(c.Name)));
        return new SqlStatement($"INSERT INTO {Fresh(merged.Name)} ({columns}) SELECT {selected} FROM {Fresh(CustomerSchema.Customer360.Name)}", []);
    }

    // About 1% global opt-outs by id and 0.5% email suppressions by address.
    private SqlStatement Suppressions()
    {
        var number = $"CAST(substr(customer_id, 2) AS {engine.TypeOf(ColumnType.Integer)})";
        return new SqlStatement(
            $"""
            INSERT INTO {Fresh(CustomerSchema.Suppressions)} (customer_id, email, channel, reason)
            SELECT customer_id, NULL, '{CustomerSchema.AllChannels}', 'global opt-out' FROM {Fresh(CustomerSchema.Customer360.Name)} WHERE {number} % 97 = 0
            UNION ALL
            SELECT NULL, email, 'email', 'suppression list' FROM {Fresh(CustomerSchema.Customer360.Name)} WHERE email IS NOT NULL AND {number} % 211 = 5
            """, []);
    }
}
