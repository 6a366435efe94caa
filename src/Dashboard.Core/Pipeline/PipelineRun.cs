using Dashboard.Core.Models;

namespace Dashboard.Core.Pipeline;

/// <summary>One run of the nightly pipeline (or a manual one), stage by stage.</summary>
public class PipelineRun
{
    public int Id { get; set; }

    /// <summary>"nightly", "manual", "cli" or "startup".</summary>
    public required string Trigger { get; set; }

    public RunStatus Status { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string? CurrentStage { get; set; }
    public double Progress { get; set; }

    /// <summary>One line per finished stage: what it did, with counts.</summary>
    public string? Log { get; set; }

    public string? Error { get; set; }

    public TimeSpan? Duration => FinishedAt - StartedAt;
}
