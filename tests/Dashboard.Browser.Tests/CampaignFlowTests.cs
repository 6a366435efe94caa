using System.Text.RegularExpressions;
using Dashboard.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

/// <summary>A marketing manager's first day, in a real browser against the real app on a demo shop.</summary>
[Collection(UsesBrowser.Name)]
public sealed partial class CampaignFlowTests(BrowserSession session)
{
    [Fact]
    public async Task Overview_ShowsKpisFromTheDemoShop_AndTakesTheReadmeScreenshot()
    {
        var page = await session.SignedInPageAsync(BrowserSession.Marketing);

        await page.GotoAsync("/");

        var customers = page.Locator("[data-kpi='Customers'] .kpi-value");
        await Assertions.Expect(customers).ToHaveTextAsync("400");
        await Assertions.Expect(page.Locator("[data-kpi='Orders'] .kpi-value")).Not.ToHaveTextAsync("0");
        await Assertions.Expect(page.GetByText("Succeeded").First).ToBeVisibleAsync();
        var docs = Path.Combine(AppServer.RepositoryRoot, "docs");
        Directory.CreateDirectory(docs);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(docs, "overview.png"), FullPage = true });
    }

    [Fact]
    public async Task Manager_CreatesLaunchesAndReadsACampaign()
    {
        var page = await session.OpenAsync("/", BrowserSession.Marketing);

        await page.GetByRole(AriaRole.Link, new() { Name = "Campaigns" }).First.ClickAsync();
        await page.Locator("[data-testid='new-campaign']").ClickAsync();
        await page.Locator("input[data-testid='campaign-name'], [data-testid='campaign-name'] input").First.FillAsync("Spring personalization test");
        await page.Locator("[data-testid='create-campaign']").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(CampaignUrl());
        await Assertions.Expect(page.Locator("[data-testid='campaign-status']")).ToHaveTextAsync("Draft");
        await page.Locator("[data-testid='launch']").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Launch" }).ClickAsync();

        // The launch job runs on the app's Hangfire server; the page polls until the list is written.
        await Assertions.Expect(page.Locator("[data-testid='campaign-status']")).ToHaveTextAsync("Running", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid='variant-card']")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid='promo-preview']").First).ToContainTextAsync("C0");

        await page.Locator("[data-testid='simulate']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='campaign-status']")).ToHaveTextAsync("Completed", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid='verdict']")).ToContainTextAsync("two-proportion z-test");
        var members = await page.Locator("[data-testid='members']").AllInnerTextsAsync();
        Assert.Equal(2, members.Count);
        Assert.All(members, m => Assert.True(int.Parse(m, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture) > 0));
    }

    [Fact]
    public async Task Manager_RunsThePipelineFromModelsAndJobs()
    {
        var page = await session.OpenAsync("/models", BrowserSession.Marketing);

        await page.Locator("[data-testid='run-pipeline']").ClickAsync();

        var manualRun = page.Locator("tr", new() { HasText = "manual" });
        await Assertions.Expect(manualRun.First).ToContainTextAsync("Succeeded", new() { Timeout = 60_000 });
    }

    [GeneratedRegex(@"/campaigns/\d+$")]
    private static partial Regex CampaignUrl();
}
