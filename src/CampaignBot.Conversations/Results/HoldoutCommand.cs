using System.Globalization;
using CampaignBot.App.Results;
using CampaignBot.Conversations.Cards;
using CampaignBot.Conversations.Messages;
using CampaignBot.Core.Results;

namespace CampaignBot.Conversations.Results;

/// <summary>"holdout [days]": all marketing against the global holdout, the verdict and the two rows.</summary>
public sealed class HoldoutCommand(HoldoutResultsService holdout) : IChatCommand
{
    public string Verb => "holdout";

    public string Usage => "holdout [days]";

    public string Description => $"did marketing work: everyone campaigns reached against the global holdout over the last days (default {HoldoutResultsService.DefaultDays})";

    public async Task<ChatReply> RunAsync(ChatCaller caller, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(arguments);
        int? days = null;
        var text = arguments.Trim();
        if (text.Length > 0)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return new ChatReply.Refuse(ResultMessages.Refusal(
                    $"'{text}' is not a number of days. Try `holdout` for the last {HoldoutResultsService.DefaultDays} days, or `holdout 90`."));
            }

            days = parsed;
        }

        return ResultMessages.Reply(await holdout.GetAsync(days, caller.Actor!, cancellationToken), Message);
    }

    /// <summary>The verdict first, then the holdout's row and the marketed row with the lift.</summary>
    public static ChatMessage Message(HoldoutResultsView results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var tone = results.Measurable ? (results.AbsoluteLift.Estimate > 0 ? Tone.Success : Tone.Warning) : Tone.Info;
        var marketed = ResultsMessage.Figures(results.Marketed, "reached").ToList();
        marketed.Add(new Fact("Lift", $"{LiftVerdict.Points(results.AbsoluteLift.Estimate)} ({LiftVerdict.Points(results.AbsoluteLift.Lower)} to {LiftVerdict.Points(results.AbsoluteLift.Upper)})"));
        if (results.RelativeLift is { } relative)
        {
            marketed.Add(new Fact("Relative lift", $"{ResultsMessage.Percent(relative.Estimate, signed: true)} ({ResultsMessage.Percent(relative.Lower, signed: true)} to {ResultsMessage.Percent(relative.Upper, signed: true)})"));
        }

        marketed.Add(new Fact("p-value", results.PValue < 0.001 ? "< 0.001" : results.PValue.ToString("0.000", CultureInfo.InvariantCulture)));
        if (results.RevenuePerCustomerLift is { } revenue)
        {
            marketed.Add(new Fact("Revenue per customer lift", $"{ResultsMessage.Money(revenue.Estimate, signed: true)} ({ResultsMessage.Money(revenue.Lower, signed: true)} to {ResultsMessage.Money(revenue.Upper, signed: true)})"));
        }

        var percent = results.HoldoutPercent.ToString("0.##", CultureInfo.InvariantCulture);
        ChatBlock[] blocks =
        [
            new Heading($"All marketing against the {percent}% holdout, last {results.Days} days"),
            new Notice(results.Verdict, tone),
            new Divider(),
            new FactList([.. ResultsMessage.Figures(results.Holdout, "held out")]),
            new FactList(marketed),
            new Footnote(
                $"Reached: everyone outside the holdout a campaign delivered to since {results.From:yyyy-MM-dd HH:mm} UTC, counting orders from their first delivery; " +
                "holdout: every held-out customer, counting orders from the period's first delivery. Intervals are 95%."),
        ];
        return new ChatMessage($"All marketing against the holdout: {results.Verdict}", blocks);
    }
}
