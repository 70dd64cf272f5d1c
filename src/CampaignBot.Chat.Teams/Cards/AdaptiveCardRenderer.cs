using System.Text;
using System.Text.Json.Nodes;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Teams.Cards;

/// <summary>
/// Renders the neutral message model as Adaptive Cards for Teams (T4). Pure: the same input always gives the same JSON.
/// Cards are version 1.5, which Teams renders on desktop and mobile; a card with a dynamic type-ahead (a list past
/// <see cref="CardBody.MaxStaticChoices"/>) is 1.6, the one 1.6 feature Teams supports that is worth having.
/// </summary>
public static class AdaptiveCardRenderer
{
    public const string Version = "1.5";
    public const string SearchVersion = "1.6";
    public const string Schema = "http://adaptivecards.io/schemas/adaptive-card.json";

    /// <summary>Teams allows at most 60 users in refresh.userIds (User-Specific-Views.md).</summary>
    public const int MaxRefreshUsers = 60;

    public static JsonObject Message(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = new CardBody(inForm: false);
        foreach (var block in message.Blocks)
        {
            body.Add(block);
        }

        return CardSize.Fit(Card(message.Summary, body, actions: null));
    }

    /// <summary>
    /// A form as a card with one input per field and a submit button (verb <see cref="CardActionData.SubmitVerb"/>, the
    /// form id and state in its data). After a refused submit, pass the core's <paramref name="errors"/> (field id →
    /// message; shown under the field, unknown ids at the top) and what was <paramref name="entered"/>, so nothing typed is lost.
    /// </summary>
    public static JsonObject Form(ChatForm form, IReadOnlyDictionary<string, string>? errors = null, FormSubmission? entered = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        errors ??= new Dictionary<string, string>();
        var body = new CardBody(inForm: true);
        body.Add(new Heading(form.Title));
        var fieldIds = form.Fields.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var general = errors.Where(e => !fieldIds.Contains(e.Key)).Select(e => e.Value).ToList();
        if (general.Count > 0)
        {
            body.Add(new Notice(string.Join('\n', general), Tone.Error));
        }

        foreach (var block in form.Intro)
        {
            body.Add(block);
        }

        // Teams checks required inputs before any button that gathers them, Back included; a form with such buttons
        // leaves every check to the core (its errors come back under the fields), so Back never asks for a field first.
        var checkedByTeams = form.Buttons.Count == 0;
        foreach (var field in form.Fields)
        {
            body.AddField(field, errors.GetValueOrDefault(field.Id), entered?.Values.GetValueOrDefault(field.Id), checkedByTeams);
        }

        JsonObject Ours(string? value = null)
        {
            var ours = new JsonObject
            {
                [CardActionData.Form] = form.FormId,
                [CardActionData.State] = form.State,
            };
            if (body.MultiSelectIds.Count > 0)
            {
                ours[CardActionData.Multi] = new JsonArray([.. body.MultiSelectIds.Select(id => (JsonNode?)id)]);
            }

            if (value is not null)
            {
                ours[CardActionData.Value] = value;
            }

            return ours;
        }

        // Back and Remove gather the form's values as they stand, so nothing typed on this step is lost (the core gets a form click).
        var buttons = form.Buttons.Select(b => (JsonNode)CardBody.Execute(b.Label, b.ActionId, Ours(b.Value), b.Style)).ToList();
        var fit = AdaptiveCardLimits.MaxActionsPerSet - 1;
        foreach (var overflow in buttons.Skip(fit).Chunk(AdaptiveCardLimits.MaxActionsPerSet))
        {
            // Past one row the rest go in rows under the fields, where Teams shows them instead of folding them away.
            body.Append(new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray(overflow) });
        }

        return Card(form.Title, body, new JsonArray([CardBody.Execute(form.SubmitLabel, CardActionData.SubmitVerb, Ours(), ButtonStyle.Primary), .. buttons.Take(fit)]));
    }

    /// <summary>
    /// Makes the card user-specific (T4): Teams runs <paramref name="verb"/> for each of <paramref name="userIds"/>
    /// ("29:…" ids) when they see it and shows them the card the bot answers, e.g. the approval card with Approve and
    /// Reject for approvers while everyone else keeps this card, the status.
    /// </summary>
    public static JsonObject WithRefresh(JsonObject card, string verb, string value, IReadOnlyCollection<string> userIds)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(userIds);
        if (userIds.Count > MaxRefreshUsers)
        {
            throw new ArgumentException($"Teams refreshes a card automatically for at most {MaxRefreshUsers} users; got {userIds.Count}.", nameof(userIds));
        }

        var refreshed = card.DeepClone().AsObject();
        refreshed["refresh"] = new JsonObject
        {
            ["action"] = CardBody.Execute("Refresh", verb, new JsonObject { [CardActionData.Value] = value }),
            ["userIds"] = new JsonArray([.. userIds.Select(id => (JsonNode?)id)]),
        };
        return refreshed;
    }

    /// <summary>The attachment an outgoing activity carries.</summary>
    public static JsonObject Attachment(JsonObject card) => new()
    {
        ["contentType"] = Activities.TeamsInvokeResponse.CardType,
        ["content"] = card.DeepClone(),
    };

    /// <summary>Bytes of the card as sent, which is what Teams' size limit counts.</summary>
    public static int Size(JsonObject card) => Encoding.UTF8.GetByteCount(Attachment(card).ToJsonString());

    private static JsonObject Card(string summary, CardBody body, JsonArray? actions)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = Schema,
            ["version"] = body.NeedsSearch ? SearchVersion : Version,
            ["fallbackText"] = CardText.Printable(summary),
            ["body"] = body.Elements,
        };
        if (actions is not null)
        {
            card["actions"] = actions;
        }

        return card;
    }
}
