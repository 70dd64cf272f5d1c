using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignBot.Bench;

/// <summary>The figures every benchmark prints as its last line.</summary>
public sealed record BenchReport(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("n")] long N,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("rows_per_second")] double RowsPerSecond,
    [property: JsonPropertyName("peak_mb")] double PeakMb)
{
    [JsonPropertyName("reference_seconds")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ReferenceSeconds { get; init; }

    [JsonPropertyName("ratio")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Ratio { get; init; }

    /// <summary>The process's peak while the reference ran, where the reference is in the same process.</summary>
    [JsonPropertyName("reference_peak_mb")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ReferencePeakMb { get; init; }

    /// <summary>The most rows per second the service's documented limits allow for a run of this size.</summary>
    [JsonPropertyName("ceiling_rows_per_second")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CeilingRowsPerSecond { get; init; }

    [JsonPropertyName("fraction_of_ceiling")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? FractionOfCeiling { get; init; }

    /// <summary>
    /// Achieved against what the limits allow for the calls actually made, retries included: a retried call takes
    /// a window slot like any other, so this is how close the pacing comes to the limits themselves.
    /// </summary>
    [JsonPropertyName("fraction_of_allowance")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? FractionOfAllowance { get; init; }

    [JsonPropertyName("lost")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Lost { get; init; }

    [JsonPropertyName("duplicated")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Duplicated { get; init; }

    [JsonPropertyName("violations")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Violations { get; init; }

    /// <summary>Request benchmarks: acknowledgement latency percentiles in milliseconds.</summary>
    [JsonPropertyName("p50_ms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? P50Ms { get; init; }

    [JsonPropertyName("p95_ms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? P95Ms { get; init; }

    [JsonPropertyName("p99_ms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? P99Ms { get; init; }

    [JsonPropertyName("max_ms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MaxMs { get; init; }

    /// <summary>Request benchmarks: how many of the requests' follow-up answers arrived, and when the last one did.</summary>
    [JsonPropertyName("answered")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Answered { get; init; }

    [JsonPropertyName("answer_seconds")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? AnswerSeconds { get; init; }

    /// <summary>
    /// CPU time the process used during the measured part, and during the reference's: on a shared machine, with the
    /// wall time it tells slowness of the code from waiting for a core.
    /// </summary>
    [JsonPropertyName("cpu_seconds")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CpuSeconds { get; init; }

    [JsonPropertyName("reference_cpu_seconds")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ReferenceCpuSeconds { get; init; }

    /// <summary>slack-ack: forms opened while the burst waits, and the time from each request to its views.open.</summary>
    [JsonPropertyName("modals")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Modals { get; init; }

    [JsonPropertyName("modal_p50_ms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ModalP50Ms { get; init; }

    [JsonPropertyName("modal_p99_ms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ModalP99Ms { get; init; }

    [JsonPropertyName("modal_max_ms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ModalMaxMs { get; init; }

    /// <summary>slack-ack: the burst's answers still not sent when the median form opened (how deep the queue was).</summary>
    [JsonPropertyName("modal_median_queued")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ModalMedianQueued { get; init; }

    /// <summary>teams-invoke: clicks still being worked on at Teams' time limit, answered "working on it" and finished after.</summary>
    [JsonPropertyName("late")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Late { get; init; }

    public static BenchReport Measured(string name, long n, TimeSpan elapsed)
    {
        using var process = Process.GetCurrentProcess();
        var seconds = Math.Round(elapsed.TotalSeconds, 3);
        return new BenchReport(name, n, seconds, Math.Round(n / elapsed.TotalSeconds), Math.Round(process.PeakWorkingSet64 / 1_048_576.0, 1));
    }

    public string ToJson() => JsonSerializer.Serialize(this);
}
