using System.Net;
using CampaignBot.Api.Tests.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampaignBot.Api.Tests.Http;

public sealed class RequestLogTests
{
    [Fact]
    public async Task A_request_refused_by_the_exception_handler_is_logged_with_the_status_it_answered()
    {
        var logs = new CapturedLogs();
        await using var factory = new CampaignBotFactory(services: s => s.AddLogging(logging => logging.AddProvider(logs)));
        using var maya = factory.ClientFor("maya");

        using var misread = await maya.GetAsync("/api/campaigns?page=first");
        using var listed = await maya.GetAsync("/api/campaigns");

        Assert.Equal(HttpStatusCode.BadRequest, misread.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var lines = await RequestLinesAsync(logs, 2);
        Assert.StartsWith("API GET /api/campaigns/ answered 400 in ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith($"for maya (request {misread.Headers.GetValues("X-Request-Id").Single()})", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("API GET /api/campaigns/ answered 200 in ", lines[1], StringComparison.Ordinal);
    }

    // Each line is written when its answer has been sent, which can be a moment after the client has it.
    private static async Task<List<string>> RequestLinesAsync(CapturedLogs logs, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var lines = logs.Entries.Where(e => e.StartsWith("Information CampaignBot.Api.Http.RequestLog: ", StringComparison.Ordinal))
                .Select(e => e["Information CampaignBot.Api.Http.RequestLog: ".Length..].Split('\n')[0].TrimEnd('\r')).ToList();
            if (lines.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.Equal(count, lines.Count);
                return lines;
            }

            await Task.Delay(20);
        }
    }
}
