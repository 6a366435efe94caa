using Dashboard.Core.Security;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Web.Admin;

/// <summary>The API keys page's work: the list, and creating and revoking keys in the name of the signed-in admin.</summary>
public sealed class ApiKeysPageService(ApiKeyService keys, AuthenticationStateProvider authentication)
{
    public Task<IReadOnlyList<ApiKeySummary>> ListAsync(CancellationToken cancellationToken = default) => keys.ListAsync(cancellationToken);

    public async Task<CreatedApiKey> CreateAsync(NewApiKey request, CancellationToken cancellationToken = default) =>
        await keys.CreateAsync(request, await ActorAsync(), cancellationToken);

    public async Task<bool> RevokeAsync(int id, CancellationToken cancellationToken = default) =>
        await keys.RevokeAsync(id, await ActorAsync(), cancellationToken);

    // Audit entries and "created by" name the user of the circuit, never a value the page passes in.
    private async Task<string> ActorAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
            ? name
            : throw new InvalidOperationException("Only a signed-in user can manage API keys.");
    }
}
