using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CampaignBot.Chat.Teams.Tests.AppPackage;

/// <summary>manifests/teams and scripts/teams/package.sh: what no validator checks (teams-testing.md §2) and, with the npm tools, the schema.</summary>
public sealed class TeamsAppPackageTests : IDisposable
{
    private const string AppId = "6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
    private const string Host = "campaignbot.example.com";

    private static readonly string[] Commands = ["help", "new", "list", "show", "preview", "submit", "runs", "segments", "destinations", "explain", "alerts"];

    private readonly string _dir = Directory.CreateTempSubdirectory("teams-package-").FullName;

    private static JsonObject Template() => JsonNode.Parse(File.ReadAllText(RepositoryFiles.Path("manifests", "teams", "manifest.json")))!.AsObject();

    private static async Task<(int ExitCode, string Output)> PackageAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(RepositoryFiles.Path("scripts", "teams", "package.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    private async Task<Dictionary<string, byte[]>> PackagedFilesAsync()
    {
        var zip = Path.Combine(_dir, "app.zip");
        var (exit, output) = await PackageAsync(AppId, Host, zip);
        Assert.True(exit == 0, output);
        using var archive = ZipFile.OpenRead(zip);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    [Fact]
    public void The_bot_works_in_personal_team_and_group_chats_and_lists_every_command()
    {
        var bot = Template()["bots"]![0]!;

        Assert.Equal(["personal", "team", "groupChat"], ((JsonArray)bot["scopes"]!).Select(s => s!.GetValue<string>()));
        var lists = ((JsonArray)bot["commandLists"]!).Select(l => ((JsonArray)l!["commands"]!).Select(c => c!["title"]!.GetValue<string>()).ToList()).ToList();
        // The schema allows 10 commands per list, so the eleven are spread over the personal and the team/group lists.
        Assert.All(lists, l => Assert.InRange(l.Count, 1, 10));
        Assert.Equal(Commands.Order(), lists.SelectMany(l => l).Distinct().Order());
        Assert.Equal(["HOST"], ((JsonArray)Template()["validDomains"]!).Select(d => d!.GetValue<string>()));
    }

    [Fact]
    public async Task The_package_holds_the_manifest_and_both_icons_at_its_root()
    {
        var files = await PackagedFilesAsync();

        Assert.Equal(["color.png", "manifest.json", "outline.png"], files.Keys.Order());
    }

    [Fact]
    public async Task The_packaged_manifest_carries_the_app_id_and_the_host()
    {
        var manifest = JsonNode.Parse((await PackagedFilesAsync())["manifest.json"])!;

        Assert.Equal(AppId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal(AppId, manifest["id"]!.GetValue<string>());
        Assert.Equal([Host], ((JsonArray)manifest["validDomains"]!).Select(d => d!.GetValue<string>()));
        Assert.Equal($"https://{Host}/", manifest["developer"]!["websiteUrl"]!.GetValue<string>());
        Assert.DoesNotContain("HOST", manifest.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("00000000-0000-0000-0000-000000000000", manifest.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_icons_have_the_sizes_teams_requires()
    {
        var files = await PackagedFilesAsync();
        var color = PngImage.Read(files["color.png"]);
        var outline = PngImage.Read(files["outline.png"]);

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
    }

    [Fact]
    public async Task The_colour_icon_is_opaque_and_the_outline_is_white_on_transparent()
    {
        var files = await PackagedFilesAsync();
        var color = PngImage.Read(files["color.png"]);
        var outline = PngImage.Read(files["outline.png"]);

        Assert.All(Pixels(color), p => Assert.Equal(255, p.A));
        var outlinePixels = Pixels(outline).ToList();
        Assert.All(outlinePixels, p => Assert.True(p.A == 0 || (p.R, p.G, p.B, p.A) == (255, 255, 255, 255), $"pixel {p} is neither transparent nor white"));
        Assert.Equal(0, outline.Pixel(0, 0).A);
        Assert.Contains(outlinePixels, p => p.A == 255);
        Assert.True(outlinePixels.Count(p => p.A == 0) > outlinePixels.Count / 2, "the outline icon should be mostly transparent");
    }

    [Theory]
    [InlineData("not-a-guid", Host)]
    [InlineData(AppId, "https://campaignbot.example.com/")]
    [InlineData(AppId, "campaignbot.example.com/api")]
    public async Task Package_refuses_a_bad_app_id_or_host_and_writes_nothing(string appId, string host)
    {
        var zip = Path.Combine(_dir, "bad.zip");

        var (exit, output) = await PackageAsync(appId, host, zip);

        Assert.Equal(2, exit);
        Assert.Contains(appId == AppId ? "HOST must be" : "APP_ID must be", output, StringComparison.Ordinal);
        Assert.False(File.Exists(zip));
    }

    [NodeToolFact]
    public async Task The_template_and_the_packaged_manifest_validate_against_the_teams_schema()
    {
        var packaged = Path.Combine(_dir, "manifest.json");
        await File.WriteAllBytesAsync(packaged, (await PackagedFilesAsync())["manifest.json"]);

        var results = await ValidateAsync(RepositoryFiles.Path("manifests", "teams", "manifest.json"), packaged);

        Assert.All(results, r => Assert.True(r.Errors.Count == 0, $"{r.File}: {string.Join("; ", r.Errors)}"));
    }

    [NodeToolFact]
    public async Task The_schema_check_catches_a_broken_manifest()
    {
        var broken = Template();
        broken["developer"]!.AsObject().Remove("privacyUrl");
        broken["bots"]![0]!["botId"] = "campaignbot";
        broken["bots"]![0]!["scopes"] = new JsonArray("personal", "everywhere");
        var file = Path.Combine(_dir, "broken.json");
        await File.WriteAllTextAsync(file, broken.ToJsonString());

        var errors = (await ValidateAsync(file)).Single().Errors;

        Assert.Contains(errors, e => e.Contains("privacyUrl", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/bots/0/botId", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/bots/0/scopes/1", StringComparison.Ordinal));
    }

    private sealed record ManifestResult(string File, IReadOnlyList<string> Errors);

    private static async Task<IReadOnlyList<ManifestResult>> ValidateAsync(params string[] files)
    {
        var (exit, output, errors) = await NodeTools.RunAsync("validate-manifest.js", files);
        Assert.True(exit == 0, $"validate-manifest.js exited {exit}: {errors}");
        return JsonSerializer.Deserialize<List<ManifestResult>>(output, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private static IEnumerable<(byte R, byte G, byte B, byte A)> Pixels(PngImage image) =>
        Enumerable.Range(0, image.Height).SelectMany(y => Enumerable.Range(0, image.Width).Select(x => image.Pixel(x, y)));

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
