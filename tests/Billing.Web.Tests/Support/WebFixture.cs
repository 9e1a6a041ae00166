using Billing.Functions.Tests.Support;
using Microsoft.Playwright;

namespace Billing.Web.Tests.Support;

/// <summary>
/// One real server (Kestrel on loopback, Azurite, maildev, test clock, sandbox payments) and one
/// Chromium for every browser test. Chromium is the system's (<c>/usr/bin/chromium</c>, installed by
/// <c>scripts/test.sh</c>), started with the flags that keep it quick on a closed network.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public BillingServerFixture Server { get; } = new();

    public Api Api { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the screenshots of the main states go: the test output folder.</summary>
    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run the tests with ./scripts/test.sh, which installs Chromium (apt-get install chromium).");
        }

        await Server.InitializeAsync();
        Api = new Api(Server);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>
    /// A fresh browser (its own session storage) at <paramref name="path"/>, signed in as
    /// <paramref name="user"/> (with <paramref name="roles"/>) through the URL fragment, the test-mode sign-in of API.md.
    /// </summary>
    public async Task<IPage> OpenAsync(string path, string user, int width = 1280, int height = 900, string[]? roles = null)
    {
        var context = await Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height },
            AcceptDownloads = true,
            Locale = "en-US",
            BaseURL = Server.BaseAddress.ToString(),
            BypassCSP = true, // so that the tests may inject axe-core; the page itself runs under its policy elsewhere
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{path}#token={Tokens.For(user, roles ?? [])}");
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
