namespace CampaignBot.Customers.DemoData;

/// <summary>The words demo customers are made of. Code-owned constants: they become SQL literals.</summary>
internal static class DemoVocabulary
{
    public static readonly string[] OrderChannels = ["web", "store", "app"];

    public static readonly string[] GivenNames =
    [
        "Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Ava", "Elijah", "Sophia", "Mateo", "Isabella", "Lucas",
        "Mia", "Levi", "Charlotte", "Asher", "Harper", "James", "Luna", "Leo", "Evelyn", "Ezra", "Aria", "Hudson",
        "Priya", "Wei", "Fatima", "Diego", "Aisha", "Kenji", "Zoe", "Omar", "Chloe", "Ravi", "Nora", "Jamal",
        "Hana", "Marco", "Lucia", "Tomás", "Ingrid", "Kofi", "Mei", "Sven", "Amara", "Yusuf", "Elena", "Arjun",
    ];

    public static readonly string[] Surnames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez",
        "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez",
        "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen",
        "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall",
        "Rivera", "Campbell", "O'Brien",
    ];

    public static readonly string[] EmailDomains = ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "hotmail.com", "proton.me"];

    // Parallel lists: a city, its state and the first three digits of its postal codes.
    public static readonly string[] Cities =
    [
        "Seattle", "Portland", "San Francisco", "Los Angeles", "San Diego", "Phoenix", "Denver", "Austin", "Dallas", "Houston",
        "Chicago", "Minneapolis", "Detroit", "Atlanta", "Miami", "Charlotte", "Boston", "New York", "Philadelphia", "Spokane",
    ];

    public static readonly string[] States =
    [
        "WA", "OR", "CA", "CA", "CA", "AZ", "CO", "TX", "TX", "TX", "IL", "MN", "MI", "GA", "FL", "NC", "MA", "NY", "PA", "WA",
    ];

    public static readonly string[] PostalPrefixes =
    [
        "981", "972", "941", "900", "921", "850", "802", "787", "752", "770", "606", "554", "482", "303", "331", "282", "021", "100", "191", "992",
    ];

    public static readonly string[] Categories = ["shorts", "t-shirts", "outerwear", "footwear", "accessories", "swimwear", "denim", "activewear"];

    public static readonly string[] Genders = ["f", "m", "f", "m", "x"];
}
