using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Chat.Teams.Tests;

/// <summary>The Teams protocol services as the host registers them, on a fake clock and in-memory settings.</summary>
public static class TeamsTestServices
{
    public static DateTimeOffset Start { get; } = DateTimeOffset.Parse("2026-11-23T09:00:00Z", CultureInfo.InvariantCulture);

    public static ServiceProvider Build(Dictionary<string, string?> settings, FakeTimeProvider time, string environment = "Production", ILoggerProvider? logs = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging(builder =>
        {
            if (logs is not null)
            {
                builder.AddProvider(logs);
            }
        });
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IHostEnvironment>(new TestEnvironment(environment));
        services.AddTeamsProtocol();
        return services.BuildServiceProvider();
    }

    private sealed class TestEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "CampaignBot.Chat.Teams.Tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
