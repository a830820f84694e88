using Grid.Client;
using Grid.Client.Faces;
using Grid.Cluster.Tests.Harness;
using Grid.Faces.Pipeline;
using Grid.Portal.Hosting;
using Grid.Protocol.Galleries;
using Grid.Protocol.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Grid.Portal.Tests;

/// <summary>
/// One real grid (Azurite + one Grid.Silo over HTTPS), one real portal host on a free port serving HTTPS with a
/// certificate of the grid's test CA, and one headless Debian chromium driven by Playwright, shared by every portal test.
/// NL has two reviewers (four-eyes) and an agreements/audit user; DE has one user with every role. The portal's clock is
/// a <see cref="FakeTimeProvider"/> so the idle-expiry test moves time instead of waiting.
/// </summary>
public sealed class PortalGrid : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>Set to a folder (relative to the repository, e.g. docs/portal) to save each test's screenshots there.</summary>
    public const string ScreenshotsVariable = "GRID_PORTAL_SCREENSHOTS";

    public LocalCluster Cluster { get; } = new();

    public string? SkipReason { get; } = LocalCluster.MissingPrerequisite()
        ?? (File.Exists(Chromium) ? null : $"Debian's chromium is not installed at {Chromium} (./grid.sh setup installs it)");

    /// <summary>faces-dev, for the tests that search by photo; null where this checkout has none.</summary>
    public static string? FacesDev { get; } = Path.GetFullPath(Path.Combine(LocalCluster.RepoRoot, "..", "shared", "faces-dev")) is var p && Directory.Exists(p) ? p : null;

    public static string FacesDevMissing => $"faces-dev is not at {Path.GetFullPath(Path.Combine(LocalCluster.RepoRoot, "..", "shared", "faces-dev"))}: the photo tests need real faces";

    public FakeTimeProvider SessionClock { get; } = new(DateTimeOffset.UtcNow);

    public TimeSpan IdleTimeout { get; } = TimeSpan.FromMinutes(15);

    public Uri PortalUri { get; private set; } = null!;

    public GridClient Operator { get; private set; } = null!;

    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);
    private WebApplication? _portal;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Keys by name: NL-reviewer1 (searcher, reviewer), NL-reviewer2 (searcher, reviewer), NL-officer (agreement-admin, force-admin, enroller,
    /// auditor), DE-officer (every role).</summary>
    public string Key(string name) => _keys[name];

    public async Task InitializeAsync()
    {
        if (SkipReason is not null) return;
        await Cluster.StartAzuriteAsync();
        await Cluster.StartSiloAsync(0);
        for (var i = 0; i < 600 && !File.Exists(Cluster.OperatorKeyFile); i++) await Task.Delay(100);
        Operator = await ConnectAsync(ApiKeys.FromFile(Cluster.OperatorKeyFile));
        foreach (var force in new[] { "NL", "DE" })
        {
            var admin = await Operator.CreateForceAsync(force, $"{force} police", "admin");
            await using var asAdmin = await ConnectAsync(admin.Key);
            if (force == "NL")
            {
                _keys["NL-reviewer1"] = (await asAdmin.AddUserAsync(force, "reviewer1", Role.Searcher | Role.Reviewer)).Key;
                _keys["NL-reviewer2"] = (await asAdmin.AddUserAsync(force, "reviewer2", Role.Searcher | Role.Reviewer)).Key;
                _keys["NL-officer"] = (await asAdmin.AddUserAsync(force, "officer", Role.AgreementAdmin | Role.Auditor | Role.Enroller | Role.ForceAdmin)).Key;
            }
            else
            {
                _keys["DE-officer"] = (await asAdmin.AddUserAsync(force, "officer",
                    Role.Searcher | Role.Enroller | Role.Reviewer | Role.AgreementAdmin | Role.Auditor | Role.ForceAdmin)).Key;
            }
        }
        _portal = PortalApp.Build(new PortalOptions
        {
            Endpoint = Cluster.ApiEndpoint(0),
            CaFile = Cluster.Certificates.AuthorityFile,
            CertificateFile = Cluster.Certificates.CertificateFile,
            KeyFile = Cluster.Certificates.KeyFile,
            Port = FreePort.Next(),
            SessionClock = SessionClock,
            IdleTimeout = IdleTimeout,
            ContentRoot = Path.Combine(LocalCluster.RepoRoot, "src", "Portal"),
        });
        await _portal.StartAsync();
        PortalUri = new Uri(_portal.Urls.First().Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Args = ["--no-sandbox"],
            Headless = true,
        });
    }

    public Task<GridClient> ConnectAsync(string apiKey) => GridClient.ConnectAsync(new GridClientOptions
    {
        Endpoint = Cluster.ApiEndpoint(0),
        CaCertificateFile = Cluster.Certificates.AuthorityFile,
        ConnectTimeout = TimeSpan.FromSeconds(60),
        ApiKey = apiKey,
    });

    /// <summary>A fresh browser context (its own cookies) at a laptop's 1366×768. The portal's certificate is from the
    /// test grid's own CA, which this chromium has no store entry for, hence the HTTPS-error allowance.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = PortalUri.ToString(),
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        return await context.NewPageAsync();
    }

    /// <summary>A page signed in as <paramref name="who"/>, on the search page.</summary>
    public async Task<IPage> SignedInAsync(string who)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/SignIn");
        await page.FillAsync("#apiKey", Key(who));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/Search");
        return page;
    }

    /// <summary>Waits for <paramref name="selector"/> or an error alert; an alert fails the test with the portal's message.</summary>
    public static async Task ExpectAsync(IPage page, string selector)
    {
        await page.WaitForSelectorAsync($"{selector}, p.error[role=alert]");
        if (await page.Locator("p.error[role=alert]").CountAsync() > 0)
            Assert.Fail($"The portal said: {await page.InnerTextAsync("p.error[role=alert]")}");
    }

    /// <summary>Saves the page when <see cref="ScreenshotsVariable"/> names a folder (docs/portal: the README's pictures).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable(ScreenshotsVariable) is not { Length: > 0 } folder) return;
        var path = Path.Combine(Path.IsPathRooted(folder) ? folder : Path.Combine(LocalCluster.RepoRoot, folder), name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }

    /// <summary>Enrols one photo per identity of faces-dev into a new photo gallery.</summary>
    public async Task EnrolAsync(GridClient grid, GalleryId gallery, IEnumerable<string> identities, SubjectCategory category)
    {
        using var pipeline = FacePipeline.Create();
        var faces = new FaceGridClient(grid, pipeline);
        await faces.CreateGalleryAsync(gallery, new GalleryConfig(ShardCount: 2, Category: category));
        var photos = identities.Select(id => new LabelledImage(FirstPhoto(id), id)).ToList();
        await faces.EnrolImagesAsync(gallery, photos);
    }

    public static string FirstPhoto(string identity) =>
        Directory.GetFiles(Path.Combine(FacesDev!, "images", identity)).Order(StringComparer.Ordinal).First();

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_portal is not null)
        {
            await _portal.StopAsync();
            await _portal.DisposeAsync();
        }
        Operator?.Dispose();
        await Cluster.DisposeAsync();
    }
}
