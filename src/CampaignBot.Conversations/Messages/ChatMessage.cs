namespace CampaignBot.Conversations.Messages;

/// <summary>
/// A reply in channel-neutral form. Each chat channel (and email) renders it its own way;
/// every text in it is plain (renderers escape it), so a campaign name can never inject markup.
/// </summary>
/// <param name="Summary">One line that stands for the whole message in notifications and fallbacks.</param>
public sealed record ChatMessage(string Summary, IReadOnlyList<ChatBlock> Blocks)
{
    public static ChatMessage Plain(string text) => new(text, [new Paragraph(text)]);

    public ChatMessage With(params ChatBlock[] more) => this with { Blocks = [.. Blocks, .. more] };
}

/// <summary>A form the person fills in: a modal, a card with inputs, an HTML form, as the channel has them.</summary>
/// <param name="FormId">Which form this is, so its submission finds its handler.</param>
/// <param name="State">What the handler needs back on submission (e.g. the wizard's draft so far); opaque to channels.</param>
public sealed record ChatForm(string FormId, string Title, string SubmitLabel, IReadOnlyList<ChatBlock> Intro, IReadOnlyList<FormField> Fields, string State = "")
{
    /// <summary>Buttons under the fields that act without submitting (Back, Remove); their action gets the form's values as they stand.</summary>
    public IReadOnlyList<ChatButton> Buttons { get; init; } = [];
}

/// <summary>What a person entered in a form: each field's values (one for text, several for a multi-choice).</summary>
public sealed record FormSubmission(string FormId, string State, IReadOnlyDictionary<string, IReadOnlyList<string>> Values)
{
    public string Text(string fieldId) => Values.TryGetValue(fieldId, out var values) && values.Count > 0 ? values[0].Trim() : "";

    public IReadOnlyList<string> All(string fieldId) => Values.TryGetValue(fieldId, out var values) ? values : [];
}
