using Dashboard.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

/// <summary>An admin uploads an export on the Data page and reads the import's report, in a real browser.</summary>
[Collection(UsesBrowser.Name)]
public sealed class ImportFlowTests(BrowserSession session)
{
    [Fact]
    public async Task Admin_UploadsAnOnlineRetailExport_AndReadsTheReport()
    {
        var file = Path.Combine(Path.GetTempPath(), $"retail-upload-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, string.Join("\n",
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
            "900001,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2011-12-20 08:26:00,2.55,,United Kingdom",
            "900001,71053,WHITE METAL LANTERN,6,2011-12-20 08:26:00,3.39,,United Kingdom",
            "900001,71053,WHITE METAL LANTERN,6,2011-12-20 08:26:00,3.39,,United Kingdom",
            "C900002,85123A,WHITE HANGING HEART T-LIGHT HOLDER,-1,2011-12-21 09:00:00,2.55,,United Kingdom",
            "900003,22633,HAND WARMER UNION JACK,6,2011-12-21 10:00:00,0,,United Kingdom") + "\n");
        try
        {
            var page = await session.OpenAsync("/data", BrowserSession.Admin);

            await page.Locator("[data-testid='import-upload'] input[type='file']").SetInputFilesAsync(file);

            var row = page.Locator("tr", new() { HasText = Path.GetFileName(file) });
            await Assertions.Expect(row.Locator("[data-testid='import-status']")).ToHaveTextAsync("Succeeded", new() { Timeout = 60_000 });
            await row.Locator("[data-testid='import-link']").ClickAsync();

            // 5 anonymous rows (so the shared demo shop keeps its 400 customers): 2 purchase lines and 1 return accepted,
            // 1 duplicate and 1 zero price rejected.
            await Assertions.Expect(page.Locator("[data-testid='adds-up']")).ToContainTextAsync("3 accepted + 0 flagged + 2 rejected = 5 read");
            await Assertions.Expect(page.Locator("[data-testid='rule-counts']")).ToContainTextAsync("duplicate");
            await Assertions.Expect(page.Locator("[data-testid='import-rows']")).ToContainTextAsync("non-positive");
            await Assertions.Expect(page.Locator("[data-testid='download-rows']")).ToBeVisibleAsync();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
