using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;

namespace CampaignBot.Delivery.Tests.Connectors;

public sealed class FailureAdviceTests
{
    public static TheoryData<FailureKind, DestinationKind> Every()
    {
        var data = new TheoryData<FailureKind, DestinationKind>();
        foreach (var failure in Enum.GetValues<FailureKind>())
        {
            foreach (var destination in Enum.GetValues<DestinationKind>())
            {
                data.Add(failure, destination);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void Every_failure_at_every_destination_has_a_cause_and_steps_ending_in_a_retry_or_check(FailureKind failure, DestinationKind destination)
    {
        var advice = FailureAdvice.For(failure, new DestinationInstance { Name = "main", Kind = destination, CredentialsReference = "Secrets:main" });

        Assert.False(string.IsNullOrWhiteSpace(advice.Cause));
        Assert.InRange(advice.Steps.Count, 2, 4);
        Assert.All(advice.Steps, s => Assert.EndsWith(".", s, StringComparison.Ordinal));
        Assert.Contains(advice.Steps, s => s.Contains("Retry", StringComparison.Ordinal));
    }

    [Fact]
    public void Expired_credentials_name_where_the_new_ones_go_and_never_a_secret()
    {
        var advice = FailureAdvice.For(FailureKind.Authentication, new DestinationInstance { Name = "klaviyo-main", Kind = DestinationKind.Klaviyo, CredentialsReference = "Secrets:klaviyo" });

        Assert.Equal("Klaviyo refused the credentials of destination 'klaviyo-main': they were revoked, have expired or are mistyped.", advice.Cause);
        Assert.Equal(
        [
            "In Klaviyo, open Settings → API keys and create a private key with the lists:write and profiles:write scopes.",
            "Store them in the 'Secrets:klaviyo' settings (environment variables Secrets__klaviyo__…) and restart CampaignBot.",
            "Then press Retry on the run: delivered batches are kept and only the rest is sent.",
        ], advice.Steps);
    }

    [Fact]
    public void Meta_permission_failures_point_at_the_custom_audience_terms()
    {
        var advice = FailureAdvice.For(FailureKind.Permission, new DestinationInstance { Name = "meta", Kind = DestinationKind.MetaAds });

        Assert.Contains("Accept the Custom Audience terms", advice.Steps[0], StringComparison.Ordinal);
    }
}
