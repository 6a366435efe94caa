using Dashboard.Web.Tests.Security;

namespace Dashboard.Web.Tests.Infrastructure;

/// <summary>
/// Test classes that start the real app run one after another: Hangfire keeps its log provider in static state,
/// bound to the logger factory of the last host configured, so a host disposed by one class would break the
/// Hangfire client of a host still running in another. (One process runs one host in production.)
/// The security tests share one signed-in app.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HostsTheApp : ICollectionFixture<SecuredApp>
{
    public const string Name = "hosts the app";
}
