using System.Text.RegularExpressions;
using Dashboard.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

/// <summary>From a segment to its customers, in a real browser.</summary>
[Collection(UsesBrowser.Name)]
public sealed partial class SegmentDrillDownTests(BrowserSession session)
{
    [Fact]
    public async Task Analyst_OpensASegment_AndSeesOnlyItsCustomers()
    {
        var page = await session.OpenAsync("/segments", BrowserSession.Analyst);
        var link = page.Locator("[data-testid='segment-link']").First;
        var segment = (await link.InnerTextAsync()).Trim();

        await link.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(SegmentUrl());
        var rows = page.Locator("tbody tr.mud-table-row");
        await Assertions.Expect(rows.First).ToContainTextAsync(segment);
        foreach (var row in await rows.AllAsync())
        {
            await Assertions.Expect(row).ToContainTextAsync(segment);
        }
    }

    [GeneratedRegex(@"/customers\?.*segment=")]
    private static partial Regex SegmentUrl();
}
