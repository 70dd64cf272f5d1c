namespace CampaignBot.Conversations.Messages;

/// <summary>One part of a message or form. A closed set: every renderer handles each kind.</summary>
public abstract record ChatBlock
{
    private protected ChatBlock()
    {
    }
}

public sealed record Heading(string Text) : ChatBlock;

public sealed record Paragraph(string Text) : ChatBlock;

/// <summary>Label and value pairs, e.g. "Audience: 1.2 million".</summary>
public sealed record FactList(IReadOnlyList<Fact> Facts) : ChatBlock;

public sealed record Fact(string Label, string Value);

public sealed record BulletList(IReadOnlyList<string> Items) : ChatBlock;

/// <summary>A line that stands out: a warning, an error, a success; renderers mark it by its tone.</summary>
public sealed record Notice(string Text, Tone Tone) : ChatBlock;

/// <summary>Small print under the content: who did what when, hints.</summary>
public sealed record Footnote(string Text) : ChatBlock;

public sealed record Divider : ChatBlock;

/// <summary>
/// A picture, such as the results chart, as PNG bytes: each channel shows it its own way (an uploaded file, an
/// inline image). <see cref="AltText"/> says in words what it shows, for screen readers and channels without images.
/// </summary>
public sealed record ChatImage(string Title, string AltText, byte[] Png) : ChatBlock
{
    /// <summary>The title in lower case, words joined by '-': "spring-sale-conversion-by-group.png".</summary>
    public string FileName =>
        string.Join('-', string.Concat(Title.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ')).Split(' ', StringSplitOptions.RemoveEmptyEntries)) + ".png";
}

public sealed record ActionRow(IReadOnlyList<ChatButton> Buttons) : ChatBlock;

/// <summary>A menu in a message; choosing sends <see cref="ActionId"/> with the chosen value.</summary>
public sealed record Picker(string ActionId, string Placeholder, IReadOnlyList<Choice> Choices) : ChatBlock;

public enum Tone
{
    Info,
    Success,
    Warning,
    Error,
}

public enum ButtonStyle
{
    Default,
    Primary,
    Danger,
}

/// <summary>A button; clicking sends <see cref="ActionId"/> and <see cref="Value"/> back to the conversation core.</summary>
public sealed record ChatButton(string ActionId, string Label, string Value, ButtonStyle Style = ButtonStyle.Default, Confirmation? Confirm = null);

/// <summary>"Are you sure?" shown before a button's action is sent.</summary>
public sealed record Confirmation(string Title, string Text, string ConfirmLabel, string DenyLabel);

public sealed record Choice(string Label, string Value, string? Description = null);
