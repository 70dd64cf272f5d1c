using CampaignBot.Api.Http;

namespace CampaignBot.Api.Tests.Http;

public sealed class ApiOptionsTests
{
    [Theory]
    [InlineData("Api:PermitsPerMinute", "0", "Api:PermitsPerMinute must be between 1 and 1,000,000.")]
    [InlineData("Api:MaxRequestBodyBytes", "10", "Api:MaxRequestBodyBytes must be between 1 KB and 100 MB.")]
    public void Bad_api_limits_stop_the_start_with_a_clear_message(string key, string value, string message)
    {
        var error = StartupValidation.Failure(new Dictionary<string, string?> { [key] = value }, services => services.AddApiOptions());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
