using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CampaignBot.Api.Tests.Lifecycle;

namespace CampaignBot.Api.Tests.Triggers;

public sealed class EventsApiTests
{
    [Fact]
    public async Task A_batch_with_bad_items_is_refused_whole_with_a_problem_naming_each_item()
    {
        await using var host = new LifecycleHost();
        var events = TriggerKit.OrdersFor(Enumerable.Range(1, 5), "o", LifecycleHost.Start);
        ((Dictionary<string, object>)events[3])["occurred_at"] = "yesterday";
        ((Dictionary<string, object>)events[1]).Remove("type");
        ((Dictionary<string, object>)events[4])["id"] = "o-1";

        using var client = host.Client("ada");
        using var response = await client.PostAsJsonAsync("/api/events", new { events });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(["events[1].type", "events[3].occurred_at", "events[4].id"], errors);

        // Nothing of it was stored: the good events, sent alone, are all new.
        Assert.Equal((3, 0), await host.SendAsync([events[0], events[2], TriggerKit.OrdersFor([5], "o", LifecycleHost.Start)[0]]));
    }

    [Fact]
    public async Task An_unknown_field_is_refused_like_in_every_other_body()
    {
        await using var host = new LifecycleHost();
        using var client = host.Client("ada");
        using var content = new StringContent(
            """{"events": [{"id": "o-1", "customer_id": "C00000001", "type": "order", "occurred_at": "2026-11-23T12:00:00Z", "amount": 12}]}""", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/events", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("amount", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((1, 0), await host.SendAsync(TriggerKit.OrdersFor([1], "o", LifecycleHost.Start)));
    }

    [Fact]
    public async Task A_batch_over_the_limit_is_refused_and_only_admins_send_events()
    {
        await using var host = new LifecycleHost(new Dictionary<string, string?> { ["Triggers:MaxEventsPerRequest"] = "2" });
        using var admin = host.Client("ada");
        using var tooMany = await admin.PostAsJsonAsync("/api/events", new { events = TriggerKit.OrdersFor([1, 2, 3], "o", LifecycleHost.Start) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
        Assert.Contains("at most 2", await tooMany.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var marketer = host.Client("maya");
        using var refused = await marketer.PostAsJsonAsync("/api/events", new { events = TriggerKit.OrdersFor([1], "o", LifecycleHost.Start) });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal((2, 0), await host.SendAsync(TriggerKit.OrdersFor([1, 2], "o", LifecycleHost.Start)));
    }

    [Fact]
    public async Task A_replayed_batch_is_accepted_and_stored_once()
    {
        await using var host = new LifecycleHost();
        var events = TriggerKit.OrdersFor(Enumerable.Range(1, 10), "o", LifecycleHost.Start);
        Assert.Equal((10, 0), await host.SendAsync(events));
        Assert.Equal((0, 10), await host.SendAsync(events));
        Assert.Equal((1, 10), await host.SendAsync([.. events, .. TriggerKit.OrdersFor([11], "o", LifecycleHost.Start)]));
    }
}
