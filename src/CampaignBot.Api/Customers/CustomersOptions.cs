using System.ComponentModel.DataAnnotations;

namespace CampaignBot.Api.Customers;

/// <summary>Where customer data lives. The embedded default needs nothing installed.</summary>
public sealed class CustomersOptions : IValidatableObject
{
    public const string Section = "Customers";
    public const string DuckDb = "duckdb";
    public const string Postgres = "postgres";

    /// <summary>"duckdb" (embedded file, the default) or "postgres" (a server).</summary>
    public string Engine { get; set; } = DuckDb;

    /// <summary>The DuckDB file; a relative path is under the content root (src/CampaignBot.Api when run from source).</summary>
    public string DuckDbPath { get; set; } = "data/customers.duckdb";

    /// <summary>DuckDB's memory cap (it spills to disk beyond it), such as "1GB"; empty leaves DuckDB's default of 80% of RAM.</summary>
    [RegularExpression(@"^\d+(\.\d+)?\s?(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", ErrorMessage = "Customers:DuckDbMemoryLimit must be a size such as 512MB or 2GB.")]
    public string? DuckDbMemoryLimit { get; set; } = "1GB";

    public string? PostgresConnectionString { get; set; }

    /// <summary>Demo customers generated on first start when the customer tables are empty; 0 turns it off.</summary>
    [Range(0, 10_000_000)]
    public long DemoCustomers { get; set; } = 100_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.Equals(Engine, DuckDb, StringComparison.OrdinalIgnoreCase) && !string.Equals(Engine, Postgres, StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"Customers:Engine is '{Engine}'; use '{DuckDb}' or '{Postgres}'.", [nameof(Engine)]);
        }
        else if (IsPostgres && string.IsNullOrWhiteSpace(PostgresConnectionString))
        {
            yield return new ValidationResult("Customers:PostgresConnectionString is required when Customers:Engine is 'postgres'.", [nameof(PostgresConnectionString)]);
        }
        else if (!IsPostgres && string.IsNullOrWhiteSpace(DuckDbPath))
        {
            yield return new ValidationResult("Customers:DuckDbPath is required when Customers:Engine is 'duckdb'.", [nameof(DuckDbPath)]);
        }
    }

    public bool IsPostgres => string.Equals(Engine, Postgres, StringComparison.OrdinalIgnoreCase);
}
