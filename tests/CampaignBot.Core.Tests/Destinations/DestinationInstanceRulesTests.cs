using CampaignBot.Core.Destinations;

namespace CampaignBot.Core.Tests.Destinations;

public sealed class DestinationInstanceRulesTests
{
    private static readonly DestinationInstance Outbox = new() { Name = "outbox", Kind = DestinationKind.LocalFolder, Location = "data/outbox" };
    private static readonly DestinationInstance Klaviyo = new() { Name = "klaviyo-main", Kind = DestinationKind.Klaviyo, CredentialsReference = "KLAVIYO_API_KEY", DefaultAttributes = ["email", "given_name"] };

    [Fact]
    public void Well_formed_destinations_pass()
    {
        Assert.Empty(DestinationInstanceRules.Check([Outbox, Klaviyo]));
    }

    [Fact]
    public void Every_bad_entry_is_reported_with_its_position()
    {
        var problems = DestinationInstanceRules.Check(
        [
            Outbox,
            Outbox with { Kind = DestinationKind.Sftp, Location = null },
            new DestinationInstance { Name = "criteo", Kind = DestinationKind.Criteo, AccountId = "12345", DefaultAttributes = ["email", "given_name"], DefaultSourceTable = "orders" },
            new DestinationInstance { Name = " ", Kind = DestinationKind.Attentive, CredentialsReference = "ATTENTIVE_KEY", DefaultAttributes = ["phone"] },
        ]);

        Assert.Equal(
            [
                ("Destinations:1:Name", "Two destinations are called 'outbox'; give each its own name."),
                ("Destinations:1:Location", "Destination 'outbox' is a SFTP destination and needs a Location to write to."),
                ("Destinations:1:Host", "Destination 'outbox' (SFTP) needs the Host of the SFTP server."),
                ("Destinations:1:UserName", "Destination 'outbox' (SFTP) needs the UserName to sign in with."),
                ("Destinations:1:HostKeyFingerprint", "Destination 'outbox' (SFTP) needs the server's HostKeyFingerprint as `ssh-keygen -l -f <host key>.pub` prints it, such as "
                    + FileDestinationRules.FingerprintExample + "; files are never sent to an unverified server."),
                ("Destinations:1:CredentialsReference", "Destination 'outbox' (SFTP) needs a CredentialsReference naming the setting that holds its credentials."),
                ("Destinations:2:DefaultSourceTable", "Destination 'criteo' reads from 'orders'; use merged_customers or customer_360."),
                ("Destinations:2:CredentialsReference", "Destination 'criteo' (Criteo) needs a CredentialsReference naming the setting that holds its credentials."),
                ("Destinations:2.attributes", "Criteo accepts only email; remove given_name."),
                ("Destinations:3:Name", "Destination 3 has no name; campaigns refer to destinations by name."),
            ],
            problems.Select(p => (p.Path, p.Message)));
    }

    [Fact]
    public void Destination_names_take_emoji_but_not_direction_overrides()
    {
        var problems = DestinationInstanceRules.Check([Outbox with { Name = "outbox 👩‍💻" }, Outbox with { Name = "outbox\u202Etxt.exe" }]);

        Assert.Equal(
            [("Destinations:1:Name", "The name of destination 1 contains a text-direction override (U+202E); remove it.")],
            problems.Select(p => (p.Path, p.Message)));
    }
}
