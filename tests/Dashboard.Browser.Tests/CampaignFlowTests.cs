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
        await Assertions.Expect(page.Locator("[data-testid='promo-preview']").First).ToContainTextAsync("PROMO-");

        await page.Locator("[data-testid='simulate']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='campaign-status']")).ToHaveTextAsync("Completed", new() { Timeout = 60_000 });
        // The campaign page carries the report's verdict; the split table counts each arm's members.
        await Assertions.Expect(page.Locator("[data-testid='verdict-headline']")).ToContainTextAsync(VerdictHeadline());
        await Assertions.Expect(page.Locator("[data-testid='split-row']")).ToHaveCountAsync(2);

        // The report gives the answer in words, from the same engine as the API.
        await page.Locator("[data-testid='open-report']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='verdict-headline']")).ToContainTextAsync(VerdictHeadline(), new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid='conversion-analysis'] [data-testid='analysis-row']")).ToHaveCountAsync(2);
        var report = await DownloadAsync(page, "report-csv");
        Assert.StartsWith("analysis,group,arm,n,mean,", report[0], StringComparison.Ordinal);
        Assert.Contains(report, row => row.StartsWith("conversion,,Treatment: personalized,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Manager_GoesFromAnEmptyFormToALaunchedTestWithAHoldout_AndExportsItsLists()
    {
        var page = await session.OpenAsync("/campaigns/new", BrowserSession.Marketing);
        await page.Locator("input[data-testid='campaign-name'], [data-testid='campaign-name'] input").First.FillAsync("Two treatments and a holdout");
        await Assertions.Expect(page.Locator("[data-testid='estimate-members']")).Not.ToHaveTextAsync("…", new() { Timeout = 30_000 });

        await FillAsync(page, "campaign-budget", "1000");
        await FillAsync(page, "campaign-cost", "0.05");
        await page.Locator("[data-testid='offer-discount']").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Percent off" }).ClickAsync();
        await FillAsync(page, "offer-value", "10");
        await FillAsync(page, "offer-coupon", "SPRING-{code}");
        await page.Locator("[data-testid='add-treatment']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='variant-row']")).ToHaveCountAsync(3);
        await page.Locator("[data-testid='variants-editor'] input[type=range]").FillAsync("0.1");
        await Assertions.Expect(page.Locator("[data-testid='holdout-share']")).ToContainTextAsync("10.0 %");
        await page.Locator("[data-testid='create-campaign']").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(CampaignUrl());
        await Assertions.Expect(page.Locator("[data-testid='plan-offer']")).ToHaveTextAsync("10 % off, codes like SPRING-XXXXXXXX");

        // A draft opens in the same form, filled in, and saves back.
        await page.Locator("[data-testid='edit-campaign']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='variant-row']")).ToHaveCountAsync(3);
        await FillAsync(page, "campaign-name", "Two treatments and a holdout (autumn)");
        await page.Locator("[data-testid='create-campaign']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(CampaignUrl());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Two treatments and a holdout (autumn)" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='launch-ready']")).ToBeVisibleAsync();
        await page.Locator("[data-testid='launch']").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Launch" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid='campaign-status']")).ToHaveTextAsync("Running", new() { Timeout = 60_000 });
        // Control, two treatments and the holdout, assigned as planned.
        await Assertions.Expect(page.Locator("[data-testid='split-row']")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("[data-testid='split-mismatch']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid='promo-preview']").First).ToContainTextAsync("SPRING-");

        var contacts = await DownloadAsync(page, "contact-list-export");
        Assert.Equal("customer_id,email,first_name,variant,coupon_code,product_skus,product_names", contacts[0]);
        Assert.True(contacts.Count > 1, "The contact list has members.");
        Assert.All(contacts.Skip(1), row => Assert.Contains(",SPRING-", row, StringComparison.Ordinal));
        Assert.DoesNotContain(contacts, row => row.Contains("Holdout", StringComparison.Ordinal));

        var ads = await DownloadAsync(page, "ad-audience-export");
        Assert.Equal("Email,Phone", ads[0]);
        Assert.All(ads.Skip(1), row => Assert.Matches(HashedRow(), row));

        // Once running, only the details can change, and the form says so.
        await page.Locator("[data-testid='edit-campaign']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='edit-limits']")).ToContainTextAsync("the audience, the variants and the plan are frozen");
        await Assertions.Expect(page.Locator("[data-testid='audience-builder']")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(CampaignUrl());

        // Completed, so that the other tests' campaigns for the same shop do not overlap a running one.
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='campaign-status']")).ToHaveTextAsync("Completed");
    }

    [Fact]
    public async Task Manager_RunsThePipelineFromModelsAndJobs()
    {
        var page = await session.OpenAsync("/models", BrowserSession.Marketing);

        await page.Locator("[data-testid='run-pipeline']").ClickAsync();

        var manualRun = page.Locator("tr", new() { HasText = "manual" });
        await Assertions.Expect(manualRun.First).ToContainTextAsync("Succeeded", new() { Timeout = 60_000 });
    }

    /// <summary>Types into a MudBlazor field and leaves it, so that fields that update on change take the value.</summary>
    private static async Task FillAsync(IPage page, string testId, string value)
    {
        var input = page.Locator($"input[data-testid='{testId}'], [data-testid='{testId}'] input").First;
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }

    /// <summary>Clicks a download button as the manager would and returns the file's lines.</summary>
    private static async Task<List<string>> DownloadAsync(IPage page, string testId)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"[data-testid='{testId}']").ClickAsync());
        var lines = await File.ReadAllLinesAsync(await download.PathAsync());
        return [.. lines.Where(line => line.Length > 0)];
    }

    [GeneratedRegex(@"/campaigns/\d+$")]
    private static partial Regex CampaignUrl();

    /// <summary>Any of the verdict's sentences: which one depends on the simulated shoppers.</summary>
    [GeneratedRegex("wins:|does worse:|No clear winner yet|No answer yet|sample ratio mismatch")]
    private static partial Regex VerdictHeadline();

    /// <summary>Customer Match rows: a SHA-256 of the e-mail and of the phone, either may be empty.</summary>
    [GeneratedRegex("^([0-9a-f]{64})?,([0-9a-f]{64})?$")]
    private static partial Regex HashedRow();
}
