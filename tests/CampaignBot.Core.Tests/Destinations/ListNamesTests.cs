using CampaignBot.Core.Destinations;

namespace CampaignBot.Core.Tests.Destinations;

public sealed class ListNamesTests
{
    [Fact]
    public void Platform_lists_join_campaign_and_group()
    {
        Assert.Equal("Spring Sale - Active email A", ListNames.For(DestinationCatalog.For(DestinationKind.Klaviyo), " Spring   Sale ", "Active email A"));
    }

    [Fact]
    public void File_names_are_slugs_without_accents_or_punctuation()
    {
        Assert.Equal("spring-sale-2026_cafe-lovers-sms", ListNames.For(DestinationCatalog.For(DestinationKind.AmazonS3), "Spring Sale (2026)!", "Café lovers / SMS"));
    }

    [Fact]
    public void Long_campaign_names_give_way_so_the_group_stays_readable()
    {
        var attentive = DestinationCatalog.For(DestinationKind.Attentive);

        var name = ListNames.For(attentive, new string('C', 150), "At risk SMS");

        Assert.Equal(attentive.NameLimit, name.Length);
        Assert.EndsWith(" - At risk SMS", name, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_name_keeps_an_emoji_whole_or_drops_it()
    {
        var attentive = DestinationCatalog.For(DestinationKind.Attentive);
        var room = attentive.NameLimit - " - At risk SMS".Length;

        var name = ListNames.For(attentive, new string('C', room - 1) + "👩‍💻 launch", "At risk SMS");

        Assert.Equal(new string('C', room - 1) + " - At risk SMS", name);
    }

    [Fact]
    public void Names_made_only_of_symbols_still_get_a_file_name()
    {
        Assert.Equal("list_list", ListNames.For(DestinationCatalog.For(DestinationKind.Sftp), "!!!", "???"));
    }
}
