using System.Text.RegularExpressions;
using Dashboard.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

/// <summary>Who sees contact details, in a real browser: lists mask e-mails for everyone, profiles reveal them only to CRM staff and admins.</summary>
[Collection(UsesBrowser.Name)]
public sealed partial class PersonalDataTests(BrowserSession session)
{
    [Fact]
    public async Task CrmStaff_SeesMaskedEmailsInTheList_AndTheFullContactOnTheProfile()
    {
        var page = await session.OpenAsync("/customers", BrowserSession.Crm);

        var firstRow = page.Locator("tbody tr.mud-table-row").First;
        await Assertions.Expect(firstRow).ToContainTextAsync("•••@");
        var listText = await page.Locator("tbody").InnerTextAsync();
        Assert.DoesNotMatch(FullEmail(), listText);

        await firstRow.Locator("[data-testid='customer-link']").ClickAsync();
        var email = page.Locator("[data-testid='contact-email']");
        await Assertions.Expect(email).ToHaveTextAsync(FullEmail());
        await Assertions.Expect(page.Locator("[data-testid='masked-note']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid='export-data']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Analyst_SeesOnlyMaskedContactDetails_AndNoDataRequestActions()
    {
        var page = await session.OpenAsync("/customers", BrowserSession.Analyst);

        await page.Locator("tbody tr.mud-table-row [data-testid='customer-link']").First.ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid='masked-note']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='contact-email']")).ToContainTextAsync("•••@");
        Assert.DoesNotMatch(FullEmail(), await page.Locator(".mud-main-content").InnerTextAsync());
        await Assertions.Expect(page.Locator("[data-testid='export-data']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task CrmStaff_ExportsThenErasesACustomer_AndNothingIdentifiesThemAfterwards()
    {
        var page = await session.OpenAsync("/customers?sort=lastpurchase", BrowserSession.Crm);
        await page.Locator("tbody tr.mud-table-row [data-testid='customer-link']").Last.ClickAsync();
        var email = (await page.Locator("[data-testid='contact-email']").InnerTextAsync()).Trim();
        Assert.Matches(FullEmail(), email);
        var id = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        // The download shares the signed-in browser's cookies.
        var export = await page.APIRequest.GetAsync($"/customers/{id}/export");
        Assert.Equal(200, export.Status);
        Assert.Contains(email, await export.TextAsync(), StringComparison.Ordinal);

        await page.Locator("[data-testid='erase']").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Erase" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid='erased']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='contact-email']")).Not.ToContainTextAsync("@");
        Assert.DoesNotContain(email, await (await page.APIRequest.GetAsync($"/customers/{id}/export")).TextAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]{2,}@[A-Za-z0-9-]+\.[A-Za-z.]+")]
    private static partial Regex FullEmail();
}
