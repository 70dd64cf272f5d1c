using System.Data.Common;

namespace CampaignBot.Customers.Engine;

public static class EngineCommands
{
    public static DbCommand CreateCommand(this DbConnection connection, CustomerEngine engine, SqlStatement statement, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = statement.Text;
        command.Transaction = transaction;
        for (var i = 0; i < statement.Parameters.Count; i++)
        {
            command.Parameters.Add(engine.Parameter(i + 1, statement.Parameters[i]));
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(this DbConnection connection, CustomerEngine engine, SqlStatement statement, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand(engine, statement, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static Task<int> ExecuteAsync(this DbConnection connection, CustomerEngine engine, string trustedSql, DbTransaction? transaction = null, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(engine, new SqlStatement(trustedSql, []), transaction, cancellationToken);

    public static async Task<T> ScalarAsync<T>(this DbConnection connection, CustomerEngine engine, SqlStatement statement, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand(engine, statement);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
