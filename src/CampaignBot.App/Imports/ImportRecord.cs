using CampaignBot.Customers.Import;

namespace CampaignBot.App.Imports;

public enum ImportStatus
{
    /// <summary>The file is being uploaded.</summary>
    Receiving,
    Running,
    Succeeded,

    /// <summary>Nothing was imported; the table is as it was.</summary>
    Failed,
}

/// <summary>One import of a customer file, kept in LiteDB so its outcome outlives the process that ran it.</summary>
public sealed class ImportRecord
{
    public Guid Id { get; set; }

    public string Table { get; set; } = "";

    public string Mode { get; set; } = "";

    public ImportStatus Status { get; set; }

    /// <summary>The person who asked for it, or "cli" for the command line.</summary>
    public string RequestedBy { get; set; } = "";

    public string Channel { get; set; } = "";

    /// <summary>The process running it; another process finding it running with a stale heartbeat takes it for dead.</summary>
    public string Owner { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset Heartbeat { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public ImportPhase? Phase { get; set; }

    /// <summary>How much of the file has been read, 0 to 1, while running.</summary>
    public double? Fraction { get; set; }

    public long Bytes { get; set; }

    public long RowsRead { get; set; }

    public long Accepted { get; set; }

    public long Rejected { get; set; }

    public List<ImportProblemRecord> Problems { get; set; } = [];

    public string? Failure { get; set; }

    public bool IsActive => Status is ImportStatus.Receiving or ImportStatus.Running;
}

/// <summary>A problem as stored: where and why, never the value.</summary>
public sealed class ImportProblemRecord
{
    public long? Line { get; set; }

    public string? Column { get; set; }

    public string Reason { get; set; } = "";
}
