using CampaignBot.App.Settings;
using CampaignBot.App.Users;
using CampaignBot.Chat.Web.Sessions;
using CampaignBot.Chat.Web.Streams;
using CampaignBot.Conversations.Inbound;
using CampaignBot.Conversations.Notices;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CampaignBot.Chat.Web;

public static class WebChatSetup
{
    /// <summary>The form field that carries the anti-forgery token in the page's own form posts (sign-in, sign-out).</summary>
    public const string TokenField = "__RequestVerificationToken";

    /// <summary>The header that carries it in the page script's posts.</summary>
    public const string TokenHeader = "RequestVerificationToken";

    /// <summary>People type the bare command words in the web chat ("new", "show Spring sale").</summary>
    public static readonly ChannelStyle Style = new(
        ChatChannels.Web,
        "",
        "Ask an admin to add you to the Users section of CampaignBot's settings, with an API key to sign in to the web chat.");

    /// <summary>The web chat channel on the conversation core: its options, sessions, streams, style and messenger.</summary>
    public static IServiceCollection AddWebChat(this IServiceCollection services)
    {
        services.AddOptions<WebChatOptions>().BindConfiguration(WebChatOptions.Section).RefuseUnknownSettings(WebChatOptions.Section).ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WebChatAvailability>();
        services.AddSingleton<WebChatSessions>();
        services.AddSingleton<ChatStreams>();
        services.AddSingleton<WebReplies>();
        services.AddSingleton(Style);
        services.AddSingleton<IChannelMessenger, WebChatMessenger>();
        services.AddAntiforgery(options =>
        {
            options.FormFieldName = TokenField;
            options.HeaderName = TokenHeader;
            options.Cookie.Name = "campaignbot-chat-antiforgery";
            options.Cookie.Path = "/chat";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }
}
