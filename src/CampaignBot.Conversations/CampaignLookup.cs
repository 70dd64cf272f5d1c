using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;

namespace CampaignBot.Conversations;

/// <summary>Finds the campaign a person means by name: exact (any case) first, else the only one containing the text.</summary>
public sealed class CampaignLookup(CampaignService campaigns)
{
    public ServiceResult<CampaignView> ByName(string name, ChatCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var actor = caller.Actor!;
        var wanted = name.Trim().Trim('"', '“', '”');
        if (wanted.Length == 0)
        {
            return new ServiceResult<CampaignView>.NotFound($"Which campaign? Add its name, e.g. {caller.Style.Command("show Spring sale")}.");
        }

        var found = campaigns.Find(new CampaignQuery { Search = wanted, PageSize = CampaignQuery.MaxPageSize }, actor);
        if (found is not ServiceResult<CampaignPage>.Ok { Value: var page })
        {
            return found.Select(p => p.Items[0]);
        }

        var exact = page.Items.FirstOrDefault(c => string.Equals(c.Name, wanted, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
        {
            return exact;
        }

        return page.Items switch
        {
            [var only] => only,
            [] => new ServiceResult<CampaignView>.NotFound($"No campaign is called \"{wanted}\". {caller.Style.Command("list")} shows them all."),
            var several => new ServiceResult<CampaignView>.Conflict(
                $"\"{wanted}\" matches {several.Count} campaigns: {string.Join(", ", several.Take(5).Select(c => c.Name))}{(several.Count > 5 ? ", …" : "")}. Type the full name."),
        };
    }
}
