using System.Globalization;
using CampaignBot.Core.Scheduling;

namespace CampaignBot.Core.Tests.Scheduling;

public sealed class ScheduleDescriptionTests
{
    [Theory]
    [InlineData(Cadence.Daily, "UTC", "2026-06-01T09:00:00Z", "Daily at 09:00 (UTC)")]
    [InlineData(Cadence.Weekly, "America/New_York", "2026-06-01T13:00:00Z", "Every Monday at 09:00 (America/New_York)")]
    [InlineData(Cadence.Weekly, "Asia/Tokyo", "2026-06-01T15:30:00Z", "Every Tuesday at 00:30 (Asia/Tokyo)")]
    [InlineData(Cadence.Monthly, "Europe/London", "2026-03-15T09:00:00Z", "Monthly on day 15 at 09:00 (Europe/London)")]
    [InlineData(Cadence.Monthly, "Europe/London", "2026-01-31T09:00:00Z",
        "Monthly on day 31 at 09:00 (Europe/London); shorter months use their last day")]
    [InlineData(Cadence.Monthly, "Europe/London", "2026-01-29T09:00:00Z",
        "Monthly on day 29 at 09:00 (Europe/London); shorter months use their last day")]
    [InlineData(Cadence.Quarterly, "Europe/London", "2026-02-15T09:00:00Z",
        "Quarterly on day 15 of Feb, May, Aug and Nov at 09:00 (Europe/London)")]
    [InlineData(Cadence.Quarterly, "UTC", "2026-11-30T09:00:00Z",
        "Quarterly on day 30 of Feb, May, Aug and Nov at 09:00 (UTC); shorter months use their last day")]
    [InlineData(Cadence.Quarterly, "UTC", "2026-01-01T09:00:00Z", "Quarterly on day 1 of Jan, Apr, Jul and Oct at 09:00 (UTC)")]
    public void Recurring_schedule_reads_as_its_cadence_in_local_time(Cadence cadence, string zone, string anchor, string expected)
    {
        var schedule = new CampaignSchedule { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(zone), Cadence = cadence };

        Assert.Equal(expected, ScheduleDescription.Describe(schedule, At(anchor)));
    }

    [Fact]
    public void Asap_one_time_schedule_reads_as_once_when_approved()
    {
        var schedule = new CampaignSchedule { TimeZone = TimeZoneInfo.Utc };

        Assert.Equal("Once, as soon as approved", ScheduleDescription.Describe(schedule, At("2026-06-01T14:37:12Z")));
    }

    [Fact]
    public void Scheduled_one_time_schedule_reads_as_its_local_launch()
    {
        var launch = At("2026-12-01T14:00:00Z");
        var schedule = new CampaignSchedule { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), LaunchInstant = launch };

        Assert.Equal("Once at 2026-12-01 09:00 (America/New_York)", ScheduleDescription.Describe(schedule, launch));
    }

    [Fact]
    public void Description_ignores_the_current_culture()
    {
        var schedule = new CampaignSchedule { TimeZone = TimeZoneInfo.Utc, Cadence = Cadence.Weekly };
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("fr-FR");

            Assert.Equal("Every Monday at 09:00 (UTC)", ScheduleDescription.Describe(schedule, At("2026-06-01T09:00:00Z")));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);
}
