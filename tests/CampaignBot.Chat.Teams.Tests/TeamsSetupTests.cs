using System.Collections.Concurrent;
using CampaignBot.Chat.Teams.Authentication;
using CampaignBot.Chat.Teams.Connector;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Chat.Teams.Tests;

public sealed class TeamsSetupTests
{
    private const string AppId = "6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";

    [Fact]
    public void Every_protocol_service_resolves_from_the_registration()
    {
        using var services = TeamsTestServices.Build(new() { ["Teams:AppId"] = AppId, ["Teams:AppPassword"] = "secret" }, new FakeTimeProvider());

        Assert.NotNull(services.GetRequiredService<TeamsRequestAuthenticator>());
        Assert.NotNull(services.GetRequiredService<BotConnectorClient>());
        Assert.Same(services.GetRequiredService<TrustedServiceUrls>(), services.GetRequiredService<TrustedServiceUrls>());
        Assert.Same(services.GetRequiredService<ConnectorTokenSource>(), services.GetRequiredService<ConnectorTokenSource>());
        Assert.Same(services.GetRequiredService<TeamsTokenValidator>(), services.GetRequiredService<TeamsTokenValidator>());
    }

    [Theory]
    [InlineData("Development", "is on: activities from loopback are accepted WITHOUT authentication")]
    [InlineData("Production", "is set but ignored in the Production environment")]
    public async Task The_development_mode_is_announced_at_start_up(string environment, string warning)
    {
        var logs = new CapturingLoggerProvider();
        using var services = TeamsTestServices.Build(new() { ["Teams:AppId"] = AppId, ["Teams:AllowUnauthenticatedLoopback"] = "true" }, new FakeTimeProvider(), environment, logs);

        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        Assert.Contains(logs.Messages, m => m.Level == LogLevel.Warning && m.Text.Contains(warning, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nothing_is_announced_when_the_development_mode_is_off()
    {
        var logs = new CapturingLoggerProvider();
        using var services = TeamsTestServices.Build(new() { ["Teams:AppId"] = AppId, ["Teams:AppPassword"] = "secret" }, new FakeTimeProvider(), "Development", logs);

        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        Assert.DoesNotContain(logs.Messages, m => m.Text.Contains("AllowUnauthenticatedLoopback", StringComparison.Ordinal));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Text)> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Messages.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
