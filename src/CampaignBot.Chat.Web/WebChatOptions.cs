using Microsoft.Extensions.Options;

namespace CampaignBot.Chat.Web;

/// <summary>The "WebChat" section: whether the service serves the web chat at /chat.</summary>
public sealed class WebChatOptions
{
    public const string Section = "WebChat";

    /// <summary>
    /// True serves /chat in every environment (people sign in with their API key); false turns it off everywhere;
    /// unset serves it only in Development, where a picker of the configured people signs in without a key.
    /// </summary>
    public bool? Enabled { get; set; }
}

/// <summary>Whether /chat is served here and how people sign in, from the options and the environment.</summary>
public sealed class WebChatAvailability(IOptions<WebChatOptions> options, IHostEnvironment environment)
{
    public bool IsOpen => options.Value.Enabled ?? environment.IsDevelopment();

    /// <summary>In Development people pick who they are from the configured people; elsewhere they prove it with their API key.</summary>
    public bool OffersPicker => IsOpen && environment.IsDevelopment();
}
