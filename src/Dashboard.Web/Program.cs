using Dashboard.Core.Persistence;
using Dashboard.Web.Api;
using Dashboard.Web.Hosting;
using Dashboard.Web.Layout;
using Dashboard.Web.Security;

try
{
    var builder = WebApplication.CreateBuilder(args);
    var role = HostRoles.Resolve(builder.Configuration);
    var database = builder.AddData();
    builder.AddJobs(database, role);
    builder.Services.AddHealthChecks();
    if (role.ServesUi())
    {
        builder.AddDashboardSecurity();
        builder.AddDashboardUi();
        builder.AddMachineApi();
    }

    var app = builder.Build();
    app.MapHealthChecks("/health").AllowAnonymous();
    if (role.ServesUi())
    {
        app.MapDashboardUi();
        app.MapJobsDashboard();
        app.MapMachineApi();
    }

    app.Run();
    return 0;
}
catch (DashboardConfigurationException ex)
{
    // One clear line that names the setting, instead of a host crash with a stack trace.
    Console.Error.WriteLine($"Configuration error: {ex.Message}");
    return 2;
}
