using System.Text.RegularExpressions;
using Dashboard.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

/// <summary>A customer's profile in a real browser: the timeline pages and filters on the server, recommendations say why.</summary>
[Collection(UsesBrowser.Name)]
public sealed partial class CustomerProfileTests(BrowserSession session)
{
    [Fact]
    public async Task CrmStaff_SeesTheTimelineRecommendationsAndAffinity_OfARecentBuyer()
    {
        var page = await session.OpenAsync("/customers?sort=lastpurchase&desc=true", BrowserSession.Crm);
        await page.Locator("tbody tr.mud-table-row [data-testid='customer-link']").First.ClickAsync();

        var timeline = page.Locator("[data-testid='timeline']");
        await Assertions.Expect(timeline.Locator("tbody tr.mud-table-row").First).ToBeVisibleAsync();
        Assert.InRange(await timeline.Locator("tbody tr.mud-table-row").CountAsync(), 1, 20);
        // The demo's first pipeline run trained the quick recommenders, so a champion serves, not the best-sellers fallback.
        await Assertions.Expect(page.Locator("[data-testid='recommendations-model']")).ToContainTextAsync(ServedBy());
        await Assertions.Expect(page.Locator("[data-testid='recommendation']").First).ToContainTextAsync(Reason());
        await Assertions.Expect(page.Locator("[data-testid='category-affinity'] svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='rfm-score']")).ToHaveCountAsync(3);
        // The most recent buyer has been scored by all three models of the last profile run.
        await Assertions.Expect(page.Locator("[data-testid='score-churn'] [data-testid='score-value']")).ToContainTextAsync(" %");
        await Assertions.Expect(page.Locator("[data-testid='score-propensity']")).ToContainTextAsync("model v");
        await Assertions.Expect(page.Locator("[data-testid='score-expected-value'] [data-testid='score-reason']").First).ToBeVisibleAsync();

        await timeline.Locator("[data-testid='timeline-filter'] .mud-chip", new() { HasText = "Orders" }).ClickAsync();

        await Assertions.Expect(timeline.Locator("[data-kind='event']")).ToHaveCountAsync(0);
        await Assertions.Expect(timeline.Locator("[data-kind='order']").First).ToBeVisibleAsync();
    }

    [GeneratedRegex("you bought this before|you buy this regularly|bought with .+|popular in your favourite category|recommended for you")]
    private static partial Regex Reason();

    [GeneratedRegex(@"(popularity|itemknn|repeat|gru4rec|sasrec) model v\d+ · trained")]
    private static partial Regex ServedBy();
}
