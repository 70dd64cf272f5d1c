using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.App.Customers;

/// <summary>
/// At start-up, reads the shape of every table <c>Customers:Tables</c> maps and stops the service with one message
/// naming each table that cannot be read and each column missing or of the wrong kind; nothing reads a mapped table before.
/// </summary>
public sealed partial class CustomerTablesCheck(CustomerEngine engine, ILogger<CustomerTablesCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!engine.Tables.AnyMapped)
        {
            return;
        }

        var problems = await TableMappingCheck.ProblemsAsync(engine, cancellationToken);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(Describe(problems));
        }

        foreach (var mapped in engine.Tables.Mapped)
        {
            LogMapped(mapped.Table.Name, mapped.Source);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The start-up message: every problem on its own line.</summary>
    public static string Describe(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return $"Customers:Tables does not fit the customer engine ({problems.Count} {(problems.Count == 1 ? "problem" : "problems")}):{Environment.NewLine}"
            + string.Join(Environment.NewLine, problems.Select(p => "  - " + p));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Table} is read from {Source} (Customers:Tables)")]
    private partial void LogMapped(string table, string source);
}
