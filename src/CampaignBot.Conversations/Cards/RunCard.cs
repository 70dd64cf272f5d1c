using CampaignBot.App.Runs;
using CampaignBot.Conversations.Messages;
using Humanizer;

namespace CampaignBot.Conversations.Cards;

/// <summary>A run: its status, what each destination received or why not, the fix for failures, and Retry.</summary>
public static class RunCard
{
    public static ChatMessage For(RunView run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        var blocks = new List<ChatBlock> { new Heading($"{run.Campaign}: run {run.StatusText}") };
        blocks.AddRange(Body(run, now));
        if (run.Actions.Contains("retry"))
        {
            blocks.Add(new ActionRow([new ChatButton(ChatActions.Retry, "Retry failed deliveries", run.Id, ButtonStyle.Primary)]));
        }

        return new ChatMessage($"{run.Campaign}: run {run.StatusText}, {Quantities.Of(Delivered(run), "row", "rows")} delivered", blocks);
    }

    /// <summary>The run without heading and buttons, for lists and thread replies.</summary>
    public static IEnumerable<ChatBlock> Body(RunView run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        yield return new FactList(
        [
            new Fact("Started", $"{run.StartedAt:yyyy-MM-dd HH:mm} UTC ({run.StartedAt.Humanize(now)})"),
            run.Status == RunView.Interrupted
                ? new Fact("Status", "Interrupted, resuming: the service running it stopped; it continues after its last delivered batch")
                : new Fact("Took", run.FinishedAt is null ? "still running" : TimeSpan.FromSeconds(run.Seconds).Humanize(2)),
            new Fact("Recipients", Quantities.Of(run.Recipients)),
            new Fact("Run id", run.Id),
        ]);
        foreach (var delivery in run.Deliveries)
        {
            yield return new Paragraph($"{delivery.Group} → {delivery.Destination}: {delivery.Status.Humanize(LetterCasing.LowerCase)}, {Counts(delivery)}");
            if (delivery.Advice is { } advice)
            {
                yield return new Notice(advice.Cause, Tone.Error);
                yield return new BulletList(advice.Steps);
            }
            else if (delivery.Error is { Length: > 0 } error)
            {
                yield return new Notice(error, Tone.Error);
            }
        }
    }

    public static long Delivered(RunView run) => run.Deliveries.Sum(d => d.Rows);

    private static string Counts(DeliveryView delivery)
    {
        var parts = new List<string> { Quantities.Of(delivery.Rows, "row", "rows") + " delivered" + PreviewBlocks.Seeds(delivery.Seeds) };
        if (delivery.Rejected > 0)
        {
            parts.Add($"{Quantities.Of(delivery.Rejected)} rejected by the destination");
        }

        if (delivery.Removed > 0)
        {
            parts.Add($"{Quantities.Of(delivery.Removed, "leaver", "leavers")} removed");
        }

        parts.AddRange(delivery.Dropped.Where(d => d.Value > 0).Select(d => $"{Quantities.Of(d.Value)} dropped ({d.Key})"));
        return string.Join(", ", parts);
    }
}
