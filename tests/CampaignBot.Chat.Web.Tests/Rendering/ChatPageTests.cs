using CampaignBot.Chat.Web.Rendering;
using CampaignBot.Core.People;

namespace CampaignBot.Chat.Web.Tests.Rendering;

public sealed class ChatPageTests
{
    private static readonly Person[] People =
    [
        new("maya", "Maya Marketer", Role.Marketer),
        new("olga", "Olga <On-call>", Role.OnCall),
    ];

    [Fact]
    public void The_development_sign_in_lists_the_people_with_their_roles()
    {
        var html = ChatPage.SignIn("tok", People, problem: null);

        Assert.Contains("<input type=\"radio\" name=\"person\" id=\"person-0\" value=\"maya\" checked><label for=\"person-0\">Maya Marketer <span class=\"description\">marketer</span></label>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"person-1\">Olga &lt;On-call&gt; <span class=\"description\">on-call</span></label>", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"tok\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("apiKey", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Elsewhere_people_sign_in_with_a_key_field_that_is_never_filled_in()
    {
        var html = ChatPage.SignIn("tok", people: null, problem: "That API key is not known here; check it with your admin.");

        Assert.Contains("<input type=\"password\" id=\"apiKey\" name=\"apiKey\" autocomplete=\"off\" aria-required=\"true\" aria-describedby=\"apiKey-hint\">", html, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"><span class=\"sr\">Problem: </span>That API key is not known here", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"person\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_chat_view_has_a_labelled_message_box_a_conversation_and_a_live_region_and_no_inline_script()
    {
        var html = ChatPage.Chat("tok", new Person("ada", "Ada Admin", Role.Admin));

        Assert.Contains("<meta name=\"chat-token\" content=\"tok\">", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"say\">Message CampaignBot</label>", html, StringComparison.Ordinal);
        Assert.Contains("<ol id=\"log\" class=\"log\" aria-label=\"Conversation\"></ol>", html, StringComparison.Ordinal);
        Assert.Contains("aria-live=\"polite\"", html, StringComparison.Ordinal);
        Assert.Contains("Signed in as <strong>Ada Admin</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<dialog id=\"confirm\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" on", html.Replace(" one ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
