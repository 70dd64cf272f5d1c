using System.Globalization;

namespace CampaignBot.Bench.WebChat;

/// <summary>
/// The service's own Program on Kestrel at 127.0.0.1 (a real socket: Kestrel, the chat's filters and the event streams
/// are in the figure), on embedded defaults in a temporary folder, outside Development with <c>WebChat:Enabled</c>, so
/// people sign in with their API keys as they would in production. Each of <c>people</c> marketers has a key of their own.
/// </summary>
internal sealed class WebChatService : BenchService
{
    private WebChatService(string folder, long customers, int people)
        : base(folder, customers, Settings(people))
    {
    }

    public static string PersonId(int index) => $"bench{(index + 1).ToString("000", CultureInfo.InvariantCulture)}";

    public static string KeyOf(int index) => $"bench-web-chat-key-{(index + 1).ToString("000", CultureInfo.InvariantCulture)}-0123456789abcdef";

    public static WebChatService Start(string folder, long customers, int people) => Listen(new WebChatService(folder, customers, people));

    // WebChat:Enabled outside Development, and each marketer with an API key of their own.
    private static Dictionary<string, string?> Settings(int people)
    {
        var settings = new Dictionary<string, string?> { ["WebChat:Enabled"] = "true" };
        for (var i = 0; i < people; i++)
        {
            var id = PersonId(i);
            settings[$"Users:People:{i}:Id"] = id;
            settings[$"Users:People:{i}:Name"] = $"Bench Marketer {i + 1}";
            settings[$"Users:People:{i}:Email"] = $"{id}@example.com";
            settings[$"Users:People:{i}:Roles:0"] = "marketer";
            settings[$"ApiKeys:Keys:{i}:Key"] = KeyOf(i);
            settings[$"ApiKeys:Keys:{i}:User"] = id;
        }

        return settings;
    }
}
