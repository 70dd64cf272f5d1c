namespace CampaignBot.Chat.Teams.Cards;

/// <summary>
/// What our cards put in an Action.Execute's <c>data</c>, read back by the activity parser. Teams merges every input's
/// value into <c>data</c> under the input's id, so our own values live under one reserved key no input may use.
/// </summary>
public static class CardActionData
{
    /// <summary>The reserved key: <c>data.campaignbot = {value, form, state, multi, input}</c>.</summary>
    public const string Envelope = "campaignbot";

    /// <summary>A button's <see cref="Conversations.Messages.ChatButton.Value"/>.</summary>
    public const string Value = "value";

    /// <summary>The submitted form's id and opaque state.</summary>
    public const string Form = "form";

    public const string State = "state";

    /// <summary>Ids of the multi-select inputs, whose values Teams joins with commas.</summary>
    public const string Multi = "multi";

    /// <summary>The id of the input a picker's button reads its value from.</summary>
    public const string Input = "input";

    /// <summary>The verb of every form's submit button; the form id is in the data.</summary>
    public const string SubmitVerb = "form.submit";
}
