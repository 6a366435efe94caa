using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Web.Security;

/// <summary>
/// The signed-in member of staff for this circuit or request, and what they may do. Services ask it before
/// returning personal data, so masking happens on the server, not only in markup.
/// </summary>
public sealed class CurrentStaff(AuthenticationStateProvider authentication, IAuthorizationService authorization)
{
    public async Task<ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    /// <summary>The name written in the audit log.</summary>
    public async Task<string> ActorAsync() => (await UserAsync()).Identity?.Name ?? "anonymous";

    public async Task<bool> CanAsync(string policy) =>
        (await authorization.AuthorizeAsync(await UserAsync(), policy)).Succeeded;

    public Task<bool> CanSeePersonalDataAsync() => CanAsync(Policies.ViewPersonalData);
}
