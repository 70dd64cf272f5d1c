using System.Text;
using CampaignBot.Core.People;

namespace CampaignBot.Chat.Web.Rendering;

/// <summary>
/// The one page the web chat serves: the sign-in view, or the conversation once signed in. Its script and style are
/// files of their own (no inline code, so the Content-Security-Policy can forbid it); the anti-forgery token the
/// script sends with each post is in a meta element. No API key ever appears in the page.
/// </summary>
public static class ChatPage
{
    /// <summary>Sent with the page: its own script, style and connections only; never framed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <param name="people">The people to pick from in Development; null where people sign in with their API key.</param>
    /// <param name="problem">Why the last sign-in failed, shown above the form.</param>
    public static string SignIn(string token, IReadOnlyList<Person>? people, string? problem)
    {
        var html = Head(token, "Sign in");
        html.Append("<main class=\"signin\" id=\"main\"><h1>CampaignBot</h1>")
            .Append("<p>Build, approve and follow campaigns in a chat. Sign in to start.</p>");
        if (problem is { Length: > 0 })
        {
            html.Append("<p class=\"notice notice-error\" role=\"alert\"><span class=\"sr\">Problem: </span>").Append(HtmlText.Escape(problem)).Append("</p>");
        }

        if (people is { Count: > 0 })
        {
            html.Append("<form method=\"post\" action=\"/chat/session\" class=\"card\">").Append(TokenField(token))
                .Append("<fieldset><legend>Sign in as one of the demo people</legend>");
            for (var i = 0; i < people.Count; i++)
            {
                var person = people[i];
                var id = $"person-{i}";
                html.Append("<div class=\"option\"><input type=\"radio\" name=\"person\" id=\"").Append(id).Append("\" value=\"").Append(HtmlText.Escape(person.Id)).Append('"')
                    .Append(i == 0 ? " checked" : "").Append("><label for=\"").Append(id).Append("\">").Append(HtmlText.Escape(person.Name))
                    .Append(" <span class=\"description\">").Append(HtmlText.Escape(Roles(person.Roles))).Append("</span></label></div>");
            }

            html.Append("</fieldset><div class=\"actions\"><button type=\"submit\" class=\"btn btn-primary\">Sign in</button></div></form>")
                .Append("<p class=\"footnote\"><small>The picker shows only in Development; elsewhere people sign in with their API key.</small></p>");
        }
        else
        {
            html.Append("<form method=\"post\" action=\"/chat/session\" class=\"card\">").Append(TokenField(token))
                .Append("<div class=\"field\"><label for=\"apiKey\">Your API key</label>")
                .Append("<input type=\"password\" id=\"apiKey\" name=\"apiKey\" autocomplete=\"off\" aria-required=\"true\" aria-describedby=\"apiKey-hint\">")
                .Append("<p class=\"hint\" id=\"apiKey-hint\">The key your admin gave you for the API. It is checked once; the page keeps only a session cookie.</p></div>")
                .Append("<div class=\"actions\"><button type=\"submit\" class=\"btn btn-primary\">Sign in</button></div></form>");
        }

        return html.Append("</main></body></html>").ToString();
    }

    public static string Chat(string token, Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var html = Head(token, "Chat");
        html.Append("<a class=\"skip sr-focusable\" href=\"#say\">Skip to the message box</a>")
            .Append("<header class=\"top\"><h1>CampaignBot</h1><p class=\"who\">Signed in as <strong>").Append(HtmlText.Escape(person.Name))
            .Append("</strong> <span class=\"description\">").Append(HtmlText.Escape(Roles(person.Roles))).Append("</span></p>")
            .Append("<form method=\"post\" action=\"/chat/session/end\">").Append(TokenField(token))
            .Append("<button type=\"submit\" class=\"btn btn-quiet\">Sign out</button></form></header>")
            .Append("<main id=\"main\"><h2 class=\"sr\">Conversation</h2>")
            .Append("<p id=\"connection\" class=\"connection\" role=\"status\"></p>")
            .Append("<ol id=\"log\" class=\"log\" aria-label=\"Conversation\"></ol>")
            .Append("<div id=\"announcer\" class=\"sr\" aria-live=\"polite\" aria-atomic=\"false\"></div>")
            .Append("<form id=\"composer\" class=\"composer\" autocomplete=\"off\"><label for=\"say\">Message CampaignBot</label>")
            .Append("<div class=\"composer-row\"><input type=\"text\" id=\"say\" name=\"text\" maxlength=\"2000\" placeholder=\"help, new, list, show Spring sale\" aria-describedby=\"say-hint\">")
            .Append("<button type=\"submit\" class=\"btn btn-primary\">Send</button></div>")
            .Append("<p class=\"hint\" id=\"say-hint\">Type a command: <code>help</code> lists them, <code>new</code> starts a campaign.</p></form></main>")
            .Append("<dialog id=\"confirm\" aria-labelledby=\"confirm-title\" aria-describedby=\"confirm-text\"><form method=\"dialog\">")
            .Append("<h2 id=\"confirm-title\"></h2><p id=\"confirm-text\"></p><div class=\"actions\">")
            .Append("<button value=\"yes\" class=\"btn btn-primary\" id=\"confirm-yes\"></button><button value=\"no\" class=\"btn\" id=\"confirm-no\"></button></div></form></dialog>");
        return html.Append("</body></html>").ToString();
    }

    private static StringBuilder Head(string token, string title) => new StringBuilder()
        .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"color-scheme\" content=\"light dark\"><link rel=\"icon\" href=\"data:,\">")
        .Append("<meta name=\"chat-token\" content=\"").Append(HtmlText.Escape(token)).Append("\">")
        .Append("<title>").Append(HtmlText.Escape(title)).Append(" · CampaignBot</title>")
        .Append("<link rel=\"stylesheet\" href=\"/chat/assets/chat.css\"><script src=\"/chat/assets/chat.js\" defer></script></head><body>");

    private static string TokenField(string token) => $"<input type=\"hidden\" name=\"{WebChatSetup.TokenField}\" value=\"{HtmlText.Escape(token)}\">";

    private static string Roles(Role roles) =>
        roles == Role.None ? "no role" : string.Join(", ", Enum.GetValues<Role>().Where(r => r != Role.None && roles.HasFlag(r)).Select(r => r == Role.OnCall ? "on-call" : r.ToString().ToLowerInvariant()));
}
