using Dashboard.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

/// <summary>The audience builder on the new-campaign page, in a real browser against the demo shop.</summary>
[Collection(UsesBrowser.Name)]
public sealed class AudienceBuilderFlowTests(BrowserSession session)
{
    [Fact]
    public async Task Manager_NarrowsTheAudience_SeesTheEstimateFollow_AndSavesIt()
    {
        var page = await session.OpenAsync("/campaigns/new", BrowserSession.Marketing);
        var members = page.Locator("[data-testid='estimate-members']");
        await Assertions.Expect(members).Not.ToHaveTextAsync("…", new() { Timeout = 30_000 });
        var everyone = await members.InnerTextAsync();

        await page.Locator("[data-testid='add-condition']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='audience-error']")).ToContainTextAsync("needs at least one value");
        await page.Locator("[data-testid='campaign-segments']").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Champions" }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");

        await Assertions.Expect(page.Locator("[data-testid='audience-error']")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Assertions.Expect(members).Not.ToHaveTextAsync(everyone, new() { Timeout = 30_000 });

        // Saved with one click: the name is taken as it is typed (key by key, as a person types: one synthetic input
        // event that lands while the builder re-renders for the new estimate was lost once under load).
        var name = page.Locator("input[data-testid='audience-name'], [data-testid='audience-name'] input").First;
        await name.ClickAsync();
        await name.PressSequentiallyAsync("Champions");
        await name.PressAsync("Tab");
        var save = page.Locator("[data-testid='save-audience']");
        await Assertions.Expect(save).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await save.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='save-audience-result']")).ToContainTextAsync("Saved \"Champions\"");
    }
}
