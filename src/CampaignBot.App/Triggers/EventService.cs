using CampaignBot.App.Application;
using CampaignBot.Core.People;
using CampaignBot.Core.Validation;
using CampaignBot.Customers.Events;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Triggers;

/// <summary>Takes in customer events for triggered campaigns: checked whole, stored once per id, and the scheduler woken.</summary>
public sealed partial class EventService(EventStore store, SchedulerSignal scheduler, IOptions<TriggerOptions> options, TimeProvider clock, ILogger<EventService> logger)
{
    public async Task<ServiceResult<EventsAccepted>> AppendAsync(EventBatchInput? batch, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<EventsAccepted>(Operation.SendEvents) is { } refused)
        {
            return refused;
        }

        var problems = new ProblemList();
        var events = EventBatchRules.Check(batch, options.Value.MaxEventsPerRequest, clock.GetUtcNow(), problems);
        if (events is null)
        {
            return new ServiceResult<EventsAccepted>.Invalid(problems.Items);
        }

        var appended = await store.AppendAsync(events, cancellationToken);
        LogAccepted(events.Count, appended.Replayed, actor.Person.Id);
        // A triggered campaign that is due starts its pass now rather than at the scheduler's next look.
        scheduler.Wake();
        return new EventsAccepted(events.Count, appended.Stored, appended.Replayed);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Accepted {Count} events ({Replayed} replayed) from {PersonId}")]
    private partial void LogAccepted(int count, int replayed, string personId);
}
