using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core.Persistence;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Web.Layout;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Web.Tests.Infrastructure;

/// <summary>
/// The one bUnit setup of the web tests: loose JS interop (MudBlazor calls JS we do not emulate),
/// MudBlazor services without transitions or popover-provider checks, and, for pages, a real migrated SQLite database with a fixed clock.
/// </summary>
public abstract class DashboardComponentTest : BunitContext, IAsyncLifetime
{
    private SqliteTestDatabase? _database;

    protected DashboardComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.PopoverOptions.CheckForPopoverProvider = false;
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
        });
    }

    /// <summary>
    /// Registers the pages' services on a fresh database and returns it for the test to fill. Pages render
    /// as on an interactive server circuit; no service can be added after this call.
    /// </summary>
    protected SqliteTestDatabase UseDatabase(DateTimeOffset now)
    {
        _database = new SqliteTestDatabase();
        Services.AddSingleton<IDbContextFactory<DashboardDbContext>>(_database);
        Services.AddSingleton<TimeProvider>(new FixedTimeProvider(now));
        Services.AddDashboardPages();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return _database;
    }

    /// <summary>
    /// Renders as a signed-in user with these roles; the policies they satisfy come from the app's own table,
    /// so a page test sees what that role would see.
    /// </summary>
    protected BunitAuthorizationContext SignInAs(params string[] roles)
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized($"{string.Join('-', roles).ToLowerInvariant()}@test.example");
        authorization.SetRoles(roles);
        authorization.SetPolicies([.. Policies.RolesFor.Where(p => p.Value.Intersect(roles).Any()).Select(p => p.Key)]);
        return authorization;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that are only IAsyncDisposable, and xunit v2 disposes test classes
    // synchronously; IAsyncLifetime runs first, so the context is disposed asynchronously here.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _database?.Dispose();
    }
}
