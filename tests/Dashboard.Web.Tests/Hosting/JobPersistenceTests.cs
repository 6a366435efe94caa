using Dashboard.Web.Tests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// Embedded mode keeps Hangfire's queue in a SQLite file: a job enqueued (or scheduled) by a web-only host
/// that then stops is processed by the next host that starts with a Hangfire server.
/// </summary>
[Collection(HostsTheApp.Name)]
public sealed class JobPersistenceTests : IDisposable
{
    private readonly string _data = DashboardAppFactory.NewDataDirectory();

    public void Dispose() => DashboardAppFactory.DeleteDataDirectory(_data);

    [Fact]
    public async Task EnqueuedAndScheduledJobs_RunAfterRestart_WhenFirstHostHadNoServer()
    {
        var enqueuedMarker = Path.Combine(_data, "enqueued.txt");
        var scheduledMarker = Path.Combine(_data, "scheduled.txt");
        await using (var web = App("web"))
        {
            var jobs = web.Services.GetRequiredService<IBackgroundJobClient>();
            jobs.Enqueue(() => MarkerJob.WriteAsync(enqueuedMarker));
            jobs.Schedule(() => MarkerJob.WriteAsync(scheduledMarker), TimeSpan.FromSeconds(2));
            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        Assert.False(File.Exists(enqueuedMarker), "A web-only host must not process jobs.");

        await using var worker = App("worker");
        _ = worker.Services; // starts the host and its Hangfire server
        Assert.True(await WaitForAsync(() => File.Exists(enqueuedMarker) && File.Exists(scheduledMarker), TimeSpan.FromSeconds(60)),
            "The jobs enqueued before the restart did not run.");
    }

    private DashboardAppFactory App(string role) => new(_data, new Dictionary<string, string>
    {
        ["Host:Role"] = role,
        ["Demo:SeedWhenEmpty"] = "false",
        ["Pipeline:NightlyCron"] = "0 2 * * *",
    });

    private static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return condition();
    }
}

/// <summary>The smallest real job: leaves a file behind so the test can see it ran.</summary>
public static class MarkerJob
{
    public static Task WriteAsync(string path) => File.WriteAllTextAsync(path, "ran");
}
