using System.Security.Claims;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Infrastructure;

/// <summary>A <see cref="CurrentStaff"/> for a user with the given roles, judged by the app's real policies.</summary>
public static class TestStaff
{
    private static readonly IAuthorizationService Authorization = new ServiceCollection()
        .AddLogging()
        .AddAuthorizationBuilder().AddStaffPolicies().Services
        .BuildServiceProvider()
        .GetRequiredService<IAuthorizationService>();

    public static CurrentStaff For(params string[] roles)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, $"{string.Join('-', roles).ToLowerInvariant()}@test.example") };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var user = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
        return new CurrentStaff(new FixedAuthenticationState(user), Authorization);
    }

    private sealed class FixedAuthenticationState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
