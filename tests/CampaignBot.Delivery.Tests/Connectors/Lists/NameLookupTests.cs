using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Lists;

namespace CampaignBot.Delivery.Tests.Connectors.Lists;

public sealed class NameLookupTests
{
    [Fact]
    public void A_completion_reports_the_id_found_or_null_when_there_is_none()
    {
        Assert.Equal("list-1", NameLookup.Found("list-1").IdForCompletion("the list A"));
        Assert.Null(NameLookup.Missing.IdForCompletion("the list A"));
    }

    [Fact]
    public void A_failed_lookup_fails_the_completion_with_its_class_and_what_was_checked()
    {
        var refused = Assert.Throws<CompletionFailedException>(() =>
            NameLookup.Failed(new BatchOutcome.Permanent("The token was revoked.", FailureKind.Authentication)).IdForCompletion("the Meta audience A"));
        var throttled = Assert.Throws<CompletionFailedException>(() =>
            NameLookup.Failed(new BatchOutcome.Transient("Too many calls.", TimeSpan.FromSeconds(5), FailureKind.RateLimited)).IdForCompletion("the Meta audience A"));

        Assert.Equal(("Checking the Meta audience A failed: The token was revoked.", FailureKind.Authentication), (refused.Message, refused.Kind));
        Assert.Equal(("Checking the Meta audience A failed: Too many calls.", FailureKind.RateLimited), (throttled.Message, throttled.Kind));
    }

    [Fact]
    public async Task A_create_refused_with_nothing_found_after_reports_the_refusal_not_the_second_lookup()
    {
        var refusal = new BatchOutcome.Permanent("Name taken.", FailureKind.Configuration);
        var lookups = 0;

        var answer = await NameLookup.FindOrCreateAsync(
            _ => Task.FromResult(++lookups == 1 ? NameLookup.Missing : NameLookup.Failed(new BatchOutcome.Transient("Timed out.", null))),
            _ => Task.FromResult(NameLookup.Failed(refusal)),
            CancellationToken.None);

        Assert.Equal(NameLookup.Failed(refusal), answer);
        Assert.Equal(2, lookups);
    }
}
