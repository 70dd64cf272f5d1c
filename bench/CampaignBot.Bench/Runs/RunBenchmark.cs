using System.Diagnostics;
using CampaignBot.App;
using CampaignBot.App.Application;
using CampaignBot.App.Approvals;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Customers;
using CampaignBot.App.Destinations;
using CampaignBot.App.Runs;
using CampaignBot.App.Scheduling;
using CampaignBot.App.Segments;
using CampaignBot.App.Storage;
using CampaignBot.App.Users;
using CampaignBot.Core.Campaigns;
using CampaignBot.Customers.Engine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CampaignBot.Bench.Runs;

/// <summary>
/// A whole campaign run through the service's own pipeline: N demo customers, everyone but email opt-outs, a 10%
/// control group and two recipient groups, each sent to a local folder with email and first name. Counting,
/// control files, the ordered stream, shaping, batch commits in LiteDB and the files are all measured; n is the
/// customers, rows_per_second counts rows delivered. The reference writes the same three files in the same process
/// with hand-written DuckDB <c>COPY</c> statements (<see cref="RunReference"/>), before and after the run; the
/// ratio is the run's time over the reference's best.
/// </summary>
public static class RunBenchmark
{
    public static async Task<BenchReport> RunAsync(BenchOptions options)
    {
        var customers = options.CustomersOr(1_000_000);
        var folder = Directory.CreateTempSubdirectory("campaignbot-bench-run-");
        try
        {
            using var host = Build(folder.FullName, customers);
            await host.StartAsync();
            var services = host.Services;
            var people = services.GetRequiredService<UserDirectory>();
            var maya = new Actor(people.ById("maya")!, "bench");
            services.GetRequiredService<SegmentStore>().Create("Everyone", "", "customer_id is not empty", "bench");

            var id = services.GetRequiredService<CampaignService>().Create(BenchDrafts.TwoOffers("Benchmark run", include: "Everyone"), maya).Unwrap().Id;
            var approvals = services.GetRequiredService<ApprovalService>();
            (await approvals.SubmitAsync(id, maya, CancellationToken.None)).Unwrap();
            foreach (var approver in new[] { "omar", "ada" })
            {
                (await approvals.ApproveAsync(id, new Actor(people.ById(approver)!, "bench"), null, CancellationToken.None)).Unwrap();
            }

            var engine = services.GetRequiredService<CustomerEngine>();
            var reference = new RunReference(engine, id.ToString(), Directory.CreateDirectory(Path.Combine(folder.FullName, "reference")).FullName);
            var before = await reference.MeasureAsync();

            var diskBefore = Megabytes(folder.FullName);
            PeakMemory.Reset();
            var resident = PeakMemory.Megabytes();
            var cpu = Cpu();
            using var sampling = new CancellationTokenSource();
            var managed = SampleManagedHeapAsync(sampling.Token);
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(await services.GetRequiredService<CampaignScheduler>().TickAsync(1, CancellationToken.None));
            watch.Stop();
            await sampling.CancelAsync();
            var managedPeak = await managed;
            cpu = Cpu() - cpu;
            var peak = PeakMemory.Megabytes();
            var outbox = Megabytes(Path.Combine(folder.FullName, "data", "outbox"));
            Console.WriteLine($"Disk: the run added {Megabytes(folder.FullName) - diskBefore - outbox:0} MB to the data folder (customer engine, LiteDB, control files) and {outbox:0} MB of send lists");
            var after = await reference.MeasureAsync();
            var best = before.Elapsed <= after.Elapsed ? before : after;

            var run = services.GetRequiredService<RunService>().ForCampaign(id, maya).Unwrap().Single();
            var delivered = run.Deliveries.Sum(d => d.Rows);
            var control = run.Groups.Where(g => g.IsControl).Sum(g => g.Members);
            Console.WriteLine($"Run {run.Status}: {run.Recipients:N0} recipients, {delivered:N0} rows delivered in {run.Deliveries.Sum(d => d.Batches)} parts, "
                + $"{control:N0} control, {run.Deliveries.Sum(d => d.Dropped.Values.Sum()):N0} dropped, in {watch.Elapsed.TotalSeconds:0.00} s ({cpu.TotalSeconds:0.00} s CPU), peak {peak:0} MB from {resident:0} MB resident at the start, "
                + $"managed heap at most {managedPeak:0} MB");
            Console.WriteLine($"Reference: {best.Recipients:N0} recipients, {best.Control:N0} control in {before.Elapsed.TotalSeconds:0.00} s before the run "
                + $"({before.Cpu.TotalSeconds:0.00} s CPU), {after.Elapsed.TotalSeconds:0.00} s after ({after.Cpu.TotalSeconds:0.00} s CPU)");
            if (best.Recipients != delivered || best.Control != control)
            {
                throw new InvalidOperationException($"The run delivered {delivered:N0} rows and {control:N0} control, the reference {best.Recipients:N0} and {best.Control:N0}.");
            }

            await host.StopAsync();
            return new BenchReport("run", customers, Math.Round(watch.Elapsed.TotalSeconds, 3), Math.Round(delivered / watch.Elapsed.TotalSeconds), Math.Round(peak, 1))
            {
                ReferenceSeconds = Math.Round(best.Elapsed.TotalSeconds, 3),
                Ratio = Math.Round(watch.Elapsed.TotalSeconds / best.Elapsed.TotalSeconds, 3),
                ReferencePeakMb = Math.Round(Math.Max(before.PeakMb, after.PeakMb), 1),
                CpuSeconds = Math.Round(cpu.TotalSeconds, 3),
                ReferenceCpuSeconds = Math.Round(best.Cpu.TotalSeconds, 3),
            };
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // The .NET heap's largest size while the run works, sampled: the rest of the peak is the engine's and the runtime's.
    private static async Task<double> SampleManagedHeapAsync(CancellationToken stop)
    {
        var most = 0L;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                most = Math.Max(most, GC.GetGCMemoryInfo().HeapSizeBytes);
            }
        }
        catch (OperationCanceledException)
        {
            // The run finished.
        }

        return most / 1_048_576.0;
    }

    private static double Megabytes(string path) =>
        Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) / 1_048_576.0 : 0;

    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static IHost Build(string folder, long customers)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Customers:DemoCustomers"] = customers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Customers:DuckDbMemoryLimit"] = "256MB",
            ["Scheduler:Enabled"] = "false",
            ["Users:People:0:Id"] = "maya",
            ["Users:People:0:Name"] = "Maya",
            ["Users:People:0:Roles:0"] = "marketer",
            ["Users:People:1:Id"] = "omar",
            ["Users:People:1:Name"] = "Omar",
            ["Users:People:1:Roles:0"] = "approver",
            ["Users:People:2:Id"] = "ada",
            ["Users:People:2:Name"] = "Ada",
            ["Users:People:2:Roles:0"] = "admin",
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks();
        // The application's own composition, so the run benchmark breaks no more when a service joins the run path.
        builder.Services.AddApplication();
        return builder.Build();
    }
}
