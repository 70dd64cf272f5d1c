using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CampaignBot.Api.Tests.Hosting;

/// <summary>
/// The built service started as its own process, as <c>dotnet CampaignBot.Api.dll</c> runs a published app, with its
/// own data folder and a few demo customers; no URL setting leaks in from the test's environment. Killed on dispose.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly string[] InheritedUrlSettings =
        ["ASPNETCORE_URLS", "DOTNET_URLS", "URLS", "Urls", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_HTTP_PORTS", "HTTP_PORTS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT"];

    private readonly Process _process;
    private readonly string _dataFolder;

    public ServiceProcess(IDictionary<string, string> environment, params string[] arguments)
    {
        _dataFolder = Directory.CreateTempSubdirectory("campaignbot-process-").FullName;
        var app = AppFile();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(app);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var inherited in InheritedUrlSettings)
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["Customers__DemoCustomers"] = "200";
        start.Environment["Customers__DuckDbPath"] = Path.Combine(_dataFolder, "customers.duckdb");
        start.Environment["Storage__LiteDbPath"] = Path.Combine(_dataFolder, "campaignbot.db");
        start.Environment["Imports__Folder"] = Path.Combine(_dataFolder, "imports");
        start.Environment["Destinations__0__Name"] = "outbox";
        start.Environment["Destinations__0__Kind"] = "LocalFolder";
        start.Environment["Destinations__0__Location"] = Path.Combine(_dataFolder, "outbox");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start)!;
        // Drained so a chatty log never fills the pipe and stalls the service.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>A port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The status of GET /health on <paramref name="port"/> once the service answers there; null if it never does.</summary>
    public async Task<HttpStatusCode?> HealthAsync(int port, TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until && !_process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                return response.StatusCode;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_dataFolder, recursive: true);
    }

    // The service project's own build output, next to the tests' (same configuration and framework).
    internal static string AppFile()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CampaignBot.sln")))
        {
            root = root.Parent;
        }

        var app = Path.Combine(root?.FullName ?? throw new DirectoryNotFoundException("CampaignBot.sln is not above the test folder."),
            "src", "CampaignBot.Api", "bin", configuration, framework, "CampaignBot.Api.dll");
        return File.Exists(app) ? app : throw new FileNotFoundException("Build the solution first.", app);
    }
}
