using System.Text;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Engine;

/// <summary>
/// Builds one parameterized statement. <see cref="Sql"/> takes only text written in this codebase;
/// anything a user typed goes through <see cref="Value"/> (a parameter) or <see cref="Column"/> (a name
/// checked against <see cref="CustomerSchema"/>), so no user input is ever spliced into SQL.
/// </summary>
public sealed class SqlBuilder(CustomerEngine engine)
{
    private readonly StringBuilder _text = new();
    private readonly List<object?> _parameters = [];

    public CustomerEngine Engine => engine;

    public SqlBuilder Sql(string trustedSql)
    {
        _text.Append(trustedSql);
        return this;
    }

    public SqlBuilder Value(object? value)
    {
        _text.Append(ValuePlaceholder(value));
        return this;
    }

    /// <summary>Adds a parameter and returns its placeholder, for fragments built by the engine's dialect.</summary>
    public string ValuePlaceholder(object? value)
    {
        _parameters.Add(value);
        return engine.Placeholder(_parameters.Count, value);
    }

    public SqlBuilder Column(CustomerColumn column, string? alias = null)
    {
        _text.Append(Qualified(column, alias));
        return this;
    }

    public static string Qualified(CustomerColumn column, string? alias = null) =>
        alias is null ? Quote(column.Name) : $"{alias}.{Quote(column.Name)}";

    public static string Quote(string schemaName) => $"\"{schemaName.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    public SqlStatement Build() => new(_text.ToString(), _parameters.ToArray());

    public override string ToString() => _text.ToString();
}
