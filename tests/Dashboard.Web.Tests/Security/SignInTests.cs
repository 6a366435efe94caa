using System.Net;
using Dashboard.Core.Persistence;
using Dashboard.Core.Security;
using Dashboard.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Security;

/// <summary>The sign-in form against the real Identity stores: success, failure, lockout, redirects, audit.</summary>
[Collection(HostsTheApp.Name)]
public sealed class SignInTests(SecuredApp secured)
{
    [Fact]
    public async Task WrongPassword_ShowsOneMessageForAnyFailure_AndIsAudited()
    {
        var email = await secured.App.CreateStaffAsync(Roles.Analyst);
        using var client = secured.App.CreateClient(new() { AllowAutoRedirect = false });

        using var wrongPassword = await client.PostSignInFormAsync(email, "not-the-password-1");
        using var unknownUser = await client.PostSignInFormAsync("nobody@test.example", "not-the-password-1");

        var message = "The e-mail or password is not right.";
        Assert.Contains(message, await wrongPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(message, await unknownUser.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(await AuditAsync(email), e => e.Action == AuditActions.SignInFailed);
    }

    [Fact]
    public async Task RepeatedFailures_LockTheAccount_EvenForTheRightPassword()
    {
        var email = await secured.App.CreateStaffAsync(Roles.Analyst);
        using var client = secured.App.CreateClient(new() { AllowAutoRedirect = false });
        for (var i = 0; i < StaffIdentity.MaxFailedSignIns; i++)
        {
            using var _ = await client.PostSignInFormAsync(email, $"wrong-password-{i}");
        }

        using var response = await client.PostSignInFormAsync(email, StaffSignIn.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This account is locked", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(await AuditAsync(email), e => e.Action == AuditActions.LockedOut);
    }

    [Fact]
    public async Task Success_RedirectsToReturnUrl_AndIsAudited()
    {
        var email = await secured.App.CreateStaffAsync(Roles.CrmStaff);
        using var client = secured.App.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.PostSignInFormAsync(email, StaffSignIn.Password, returnUrl: "/customers?q=C1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(("localhost", "/customers?q=C1"), (response.Headers.Location!.Host, response.Headers.Location.PathAndQuery));
        Assert.Contains(await AuditAsync(email), e => e.Action == AuditActions.SignIn);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    public async Task Success_IgnoresReturnUrlOutsideTheSite(string returnUrl)
    {
        var email = await secured.App.CreateStaffAsync(Roles.Analyst);
        using var client = secured.App.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.PostSignInFormAsync(email, StaffSignIn.Password, returnUrl);

        Assert.Equal(("localhost", "/"), (response.Headers.Location!.Host, response.Headers.Location.PathAndQuery));
    }

    [Fact]
    public async Task SignInPost_WithoutAntiforgeryToken_IsRejected()
    {
        var email = await secured.App.CreateStaffAsync(Roles.Analyst);
        using var client = secured.App.CreateClient(new() { AllowAutoRedirect = false });
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["Input.Email"] = email,
            ["Input.Password"] = StaffSignIn.Password,
        });

        using var response = await client.PostAsync(new Uri("/login", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("dashboard.auth", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        using var client = await secured.App.SignedInClientAsync(Roles.Analyst);
        var page = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) });

        using var signOut = await client.PostAsync(new Uri("/account/logout", UriKind.Relative), form);
        using var after = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Contains("/login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private async Task<List<AuditEntry>> AuditAsync(string actor)
    {
        await using var db = await secured.App.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.Where(e => e.Actor == actor).ToListAsync();
    }
}
