using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Core.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Infrastructure;

/// <summary>Creates staff users in the real app and signs them in through the real sign-in form.</summary>
public static partial class StaffSignIn
{
    public const string Password = "test-password-2026";

    public static async Task<string> CreateStaffAsync(this WebApplicationFactory<App> app, params string[] roles)
    {
        var email = $"{string.Join('-', roles).ToLowerInvariant()}-{Guid.NewGuid():N}@test.example";
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(email, null, Password, roles, "test");
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        return email;
    }

    /// <summary>A client that keeps cookies, does not follow redirects, and is signed in as a new user with these roles.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this WebApplicationFactory<App> app, params string[] roles)
    {
        var email = await app.CreateStaffAsync(roles);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostSignInFormAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("/login", response.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        return client;
    }

    /// <summary>Fills in and posts the sign-in form like a browser: antiforgery token from the page, cookies kept by the client.</summary>
    public static async Task<HttpResponseMessage> PostSignInFormAsync(this HttpClient client, string email, string password, string? returnUrl = null)
    {
        var page = await client.GetStringAsync(new Uri("/login", UriKind.Relative));
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["_handler"] = "sign-in",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ReturnUrl"] = returnUrl ?? "",
        });
        return await client.PostAsync(new Uri("/login", UriKind.Relative), form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
