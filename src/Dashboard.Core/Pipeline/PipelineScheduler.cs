using Hangfire;

namespace Dashboard.Core.Pipeline;

/// <summary>Queues an immediate pipeline run on whichever worker is free (the UI's "Run pipeline now").</summary>
public sealed class PipelineScheduler(IBackgroundJobClient jobs)
{
    public string RunNow() => jobs.Enqueue<PipelineJob>(job => job.RunAsync("manual", CancellationToken.None));
}
