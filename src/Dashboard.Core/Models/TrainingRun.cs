namespace Dashboard.Core.Models;

public enum RunStatus
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
    Cancelled = 4,
}

/// <summary>A model training attempt with its progress and log, whether or not it produced a version.</summary>
public class TrainingRun
{
    public int Id { get; set; }
    public required string Kind { get; set; }
    public RunStatus Status { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public double Progress { get; set; }
    public string? Log { get; set; }
    public string? Error { get; set; }

    /// <summary>The model being fitted now, and its epoch, loss and validation metric, for the live progress on the Models page.</summary>
    public string? CurrentModel { get; set; }
    public int? Epoch { get; set; }
    public int? Epochs { get; set; }
    public double? Loss { get; set; }
    public double? ValidationMetric { get; set; }

    /// <summary>Seconds the run expects still to take, extrapolated from the share done so far.</summary>
    public double? EtaSeconds { get; set; }
}
