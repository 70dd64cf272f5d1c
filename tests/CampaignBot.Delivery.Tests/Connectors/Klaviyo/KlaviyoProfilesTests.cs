using System.Text.Json;
using CampaignBot.Delivery.Connectors.Klaviyo;

namespace CampaignBot.Delivery.Tests.Connectors.Klaviyo;

/// <summary>The job bodies as Klaviyo's profile bulk import documents them, and the limits they keep to.</summary>
public sealed class KlaviyoProfilesTests
{
    private static readonly string[] Fields = ["external_id", "email", "state", "tier"];

    [Fact]
    public void Standard_fields_are_attributes_address_fields_go_under_location_and_the_rest_are_properties()
    {
        using var profiles = new KlaviyoProfiles(Fields, "L\"1");

        var job = Assert.Single(profiles.Jobs([["C1", "a+b@example.com", "CA", "gold"], ["C2", null, null, "silver"]]).Select(Copy));

        using var body = JsonDocument.Parse(job.Json);
        var data = body.RootElement.GetProperty("data");
        Assert.Equal("profile-bulk-import-job", data.GetProperty("type").GetString());
        Assert.Equal("L\"1", data.GetProperty("relationships").GetProperty("lists").GetProperty("data")[0].GetProperty("id").GetString());
        var written = data.GetProperty("attributes").GetProperty("profiles").GetProperty("data").EnumerateArray().Select(p => p.GetRawText()).ToList();
        Assert.Equal(
            [
                """{"type":"profile","attributes":{"external_id":"C1","email":"a\u002Bb@example.com","location":{"region":"CA"},"properties":{"tier":"gold"}}}""",
                """{"type":"profile","attributes":{"external_id":"C2","properties":{"tier":"silver"}}}""",
            ],
            written);
        Assert.Equal(2, job.Profiles);
    }

    [Fact]
    public void A_batch_is_split_at_ten_thousand_profiles_and_each_body_stands_alone()
    {
        using var profiles = new KlaviyoProfiles(Fields, "L1");
        var rows = Enumerable.Range(0, 10_001).Select(n => new string?[] { $"C{n}", $"c{n}@example.com", null, null }).ToList();

        var jobs = profiles.Jobs(rows).Select(Copy).ToList();

        Assert.Equal([10_000, 1], jobs.Select(j => j.Profiles));
        Assert.Equal(jobs.Select(j => j.Profiles), jobs.Select(j => ProfilesIn(j.Json)));
        Assert.Equal("C10000", JsonDocument.Parse(jobs[1].Json).RootElement.GetProperty("data").GetProperty("attributes").GetProperty("profiles")
            .GetProperty("data")[0].GetProperty("attributes").GetProperty("external_id").GetString());
    }

    [Fact]
    public void No_body_passes_five_megabytes_and_a_profile_over_100_KB_is_left_out_and_counted()
    {
        using var profiles = new KlaviyoProfiles(Fields, "L1");
        var rows = Enumerable.Range(0, 120).Select(n => new string?[] { $"C{n}", null, null, new string('x', n == 7 ? 100_001 : 60_000) }).ToList();

        var jobs = profiles.Jobs(rows).Select(Copy).ToList();

        Assert.Equal(1, profiles.Oversized);
        Assert.Equal(119, jobs.Sum(j => j.Profiles));
        Assert.All(jobs, j => Assert.InRange(j.Json.Length, 1, KlaviyoProfiles.MaxJobBytes));
        Assert.Equal(jobs.Select(j => j.Profiles), jobs.Select(j => ProfilesIn(j.Json)));
        Assert.Equal(2, jobs.Count);
    }

    // Each body lives in a buffer the next one reuses, so a test keeps a copy.
    private static (byte[] Json, int Profiles) Copy(JobBody job) => (job.Json.ToArray(), job.Profiles);

    private static int ProfilesIn(byte[] json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("data").GetProperty("attributes").GetProperty("profiles").GetProperty("data").GetArrayLength();
}
