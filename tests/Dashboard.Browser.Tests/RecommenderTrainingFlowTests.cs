using Dashboard.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

/// <summary>
/// An admin retrains the recommenders from the Models page, in a real browser against the real app: the run goes through
/// the app's Hangfire server (every registered family, the TorchSharp ones included), the page follows it live, the
/// policy keeps or replaces the champion, and a manual promotion can be rolled back.
/// </summary>
[Collection(UsesBrowser.Name)]
public sealed class RecommenderTrainingFlowTests(BrowserSession session)
{
    [Fact]
    public async Task Admin_TrainsFromTheModelsPage_ThenPromotesAndRollsBack()
    {
        var page = await session.OpenAsync("/models", BrowserSession.Admin);
        await Assertions.Expect(page.Locator("[data-testid='family-gru4rec']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='families-unavailable']")).ToHaveCountAsync(0);

        // The demo start's pipeline already trained the three quick families once (run #1).
        var versions = page.Locator(".recommender-versions tbody tr");
        await Assertions.Expect(versions).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-testid='training-run']")).ToContainTextAsync("Run #1");

        await page.Locator("[data-testid='train-now']").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid='training-run']")).ToContainTextAsync("Run #2", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid='training-run']")).ToContainTextAsync("Succeeded", new() { Timeout = 180_000 });
        await Assertions.Expect(versions).ToHaveCountAsync(8);
        var champion = page.Locator(".recommender-versions tbody tr", new() { Has = page.Locator("[data-testid='champion']") });
        await Assertions.Expect(champion).ToHaveCountAsync(1);
        // The champion serves its refit on every purchase, and the page says so.
        await Assertions.Expect(champion.Locator("[data-testid='serving-refit']")).ToContainTextAsync("serves a refit up to");
        var version = champion.Locator("td").First;
        var trained = (await version.InnerTextAsync()).Trim();

        // Promote another family by hand, then roll back to the one the run chose.
        await page.Locator("[data-testid^='promote-']").First.ClickAsync();
        await Assertions.Expect(version).Not.ToHaveTextAsync(trained);
        await page.Locator("[data-testid='roll-back']").ClickAsync();
        await Assertions.Expect(version).ToHaveTextAsync(trained);
    }
}
