using System.Globalization;
using CampaignBot.App.Imports;
using CampaignBot.Conversations.Messages;
using CampaignBot.Customers.Import;

namespace CampaignBot.Conversations.Cards;

/// <summary>How a customer import ended, for the admins: its counts, the first problems (never a value) and where the rest are.</summary>
public static class ImportCard
{
    public const int ProblemsShown = 5;

    public static ChatMessage For(ImportView import)
    {
        ArgumentNullException.ThrowIfNull(import);
        var succeeded = import.Status == ImportStatus.Succeeded;
        var headline = succeeded
            ? $"Import into {import.Table} succeeded: {Rows(import.Accepted)} ({import.Mode})"
            : $"Import into {import.Table} failed: nothing was imported ({import.Rejected:N0} of {Rows(import.RowsRead)} rejected)";
        var blocks = new List<ChatBlock>
        {
            new Notice(headline, succeeded ? Tone.Success : Tone.Warning),
            new FactList(
            [
                new Fact("Rows read", Count(import.RowsRead)),
                new Fact("Accepted", Count(import.Accepted)),
                new Fact("Rejected", Count(import.Rejected)),
                new Fact("Time", string.Create(CultureInfo.InvariantCulture, $"{import.ElapsedSeconds:N1} s")),
            ]),
        };
        if (import.Problems.Count > 0)
        {
            blocks.Add(new BulletList([.. import.Problems.Take(ProblemsShown).Select(p => new ImportProblem(p.Line, p.Column, p.Reason).ToString())]));
        }

        if (!succeeded && import.Failure is { } failure)
        {
            blocks.Add(new Paragraph(failure));
        }

        var rest = import.Problems.Count > ProblemsShown ? $"; all {import.Problems.Count} problems: GET /api/customers/imports/{import.Id}" : "";
        blocks.Add(new Footnote($"Import {import.Id}, by {import.RequestedBy}{rest}"));
        return new ChatMessage(headline, blocks);
    }

    // Exact counts: an admin compares them with the file's line count.
    private static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private static string Rows(long count) => $"{Count(count)} {(count == 1 ? "row" : "rows")}";
}
