using Microsoft.Playwright;

namespace Dashboard.Browser.Tests.Infrastructure;

/// <summary>
/// The real app plus Debian's Chromium driven by Playwright. Playwright's own browser download is never
/// used: CI installs Chromium with apt (see .ci/run) and we point Playwright at it.
/// </summary>
public sealed class BrowserSession : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The demo accounts' shared password (Dashboard.Web.Security.DemoUsers), shown on the sign-in page in demo mode.</summary>
    public const string DemoPassword = "demo-password-2026";
    public const string Admin = "admin@demo.example";
    public const string Marketing = "marketing@demo.example";
    public const string Crm = "crm@demo.example";
    public const string Analyst = "analyst@demo.example";

    private IPlaywright? _playwright;

    public AppServer App { get; } = new();
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Browser tests need Chromium at {ChromiumPath}: apt-get install -y chromium (.ci/run does).");
        }

        await App.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>A new browser context signed in through the sign-in form as one of the demo shop's accounts.</summary>
    public async Task<IPage> SignedInPageAsync(string email)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/login");
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Password']").FillAsync(DemoPassword);
        await page.Locator("[data-testid='sign-in']").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Signs in, opens a page and waits until Blazor's circuit is connected, so clicks reach the server.</summary>
    public async Task<IPage> OpenAsync(string path, string email)
    {
        var page = await SignedInPageAsync(email);
        await page.GotoAsync(path);
        await page.Locator("[data-interactive='true']").WaitForAsync();
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class UsesBrowser : ICollectionFixture<BrowserSession>
{
    public const string Name = "browser";
}
