using CampaignBot.Bench;

// dotnet run -c Release --project bench/CampaignBot.Bench -- <name> [--customers N] [--requests N] [--seconds N] [--engine duckdb|clickhouse]
// Each benchmark prints, as its last line, one JSON object with its figures (see ARCHITECTURE.md).
var options = BenchOptions.Parse(args);
if (options is null)
{
    await Console.Error.WriteLineAsync($"Usage: <benchmark> [--customers N] [--requests N] [--seconds N] [--engine duckdb|clickhouse]   benchmarks: {string.Join(", ", Benchmarks.Names)}");
    return 2;
}

if (!Benchmarks.TryGet(options.Name, out var benchmark))
{
    await Console.Error.WriteLineAsync($"Unknown benchmark '{options.Name}'. Choose one of: {string.Join(", ", Benchmarks.Names)}.");
    return 2;
}

var report = await benchmark(options);
Console.WriteLine(report.ToJson());
return 0;
