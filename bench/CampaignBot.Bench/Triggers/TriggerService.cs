using System.Globalization;

namespace CampaignBot.Bench.Triggers;

/// <summary>
/// The service on Kestrel with a pass every second, no cooldown, and the API's per-key limits raised so one sender can
/// post ten batches a second. Three people: a marketer writes the campaign, an approver approves it, an admin's key sends events.
/// </summary>
internal sealed class TriggerService : BenchService
{
    public const string Author = "bench-author";
    public const string Approver = "bench-approver";
    public const string Sender = "bench-sender";
    public const string SenderKey = "bench-trigger-sender-key-0123456789abcdef";

    private TriggerService(string folder, long customers)
        : base(folder, customers, Settings())
    {
    }

    public static TriggerService Start(string folder, long customers) => Listen(new TriggerService(folder, customers));

    private static Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Triggers:PollInterval"] = "00:00:01",
            ["Triggers:Cooldown"] = "00:00:00",
            ["Triggers:MaxEventsPerRequest"] = "1000",
            ["Scheduler:PollInterval"] = "00:00:00.250",
            ["Api:PermitsPerMinute"] = "1000000",
            ["Api:MaxRequestBodyBytes"] = "1048576",
            ["ApiKeys:Keys:0:Key"] = SenderKey,
            ["ApiKeys:Keys:0:User"] = Sender,
        };
        var people = new[] { (Author, "marketer"), (Approver, "approver"), (Sender, "admin") };
        for (var i = 0; i < people.Length; i++)
        {
            var index = i.ToString(CultureInfo.InvariantCulture);
            settings[$"Users:People:{index}:Id"] = people[i].Item1;
            settings[$"Users:People:{index}:Name"] = people[i].Item1;
            settings[$"Users:People:{index}:Roles:0"] = people[i].Item2;
        }

        return settings;
    }
}
