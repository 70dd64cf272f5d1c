namespace CampaignBot.Chat.Web.Tests;

public sealed class WebChatAddressesTests
{
    [Theory]
    [InlineData("http://localhost:5080", "http://localhost:5080/chat")]
    [InlineData("http://127.0.0.1:5391", "http://127.0.0.1:5391/chat")]
    [InlineData("http://0.0.0.0:8080", "http://localhost:8080/chat")]
    [InlineData("http://[::]:8080", "http://localhost:8080/chat")]
    [InlineData("http://+:80", "http://localhost/chat")]
    [InlineData("https://*:5443", "https://localhost:5443/chat")]
    public void The_start_up_line_names_an_address_a_browser_can_open(string listening, string chat) =>
        Assert.Equal(chat, WebChatAddresses.ChatAddress(listening));

    [Fact]
    public void A_socket_address_is_not_offered() => Assert.Null(WebChatAddresses.ChatAddress("unix:/tmp/campaignbot.sock"));
}
