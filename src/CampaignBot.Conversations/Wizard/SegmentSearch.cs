using CampaignBot.App.Application;
using CampaignBot.App.Segments;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Conversations.Wizard;

/// <summary>Type-ahead over segment names, for workspaces with more segments than a menu can list.</summary>
public sealed class SegmentSearch(SegmentService segments) : IChatSearch
{
    public const string Source = "segments";
    private const int Shown = 100;

    string IChatSearch.Source => Source;

    public IReadOnlyList<Choice> Search(ChatCaller caller, string query) =>
        segments.List(caller.Actor!) is ServiceResult<IReadOnlyList<SegmentView>>.Ok { Value: var list }
            ? [.. list.Where(s => s.Name.Contains(query.Trim(), StringComparison.OrdinalIgnoreCase))
                .OrderBy(s => !s.Name.StartsWith(query.Trim(), StringComparison.OrdinalIgnoreCase))
                .ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
                .Take(Shown)
                .Select(s => new Choice(s.Name, s.Name))]
            : [];
}
