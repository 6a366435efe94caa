using Dashboard.Core.Models;

namespace Dashboard.Web.Overview;

/// <summary>The numbers on the overview page, as of one day.</summary>
/// <param name="AsOf">Last day of the window: today, or the newest order's day when the data is historical.</param>
/// <param name="IsHistorical">True when no order falls in the 30 days before today, so the window ends at the newest order.</param>
/// <param name="Orders">Purchases (not returns) placed in the window.</param>
/// <param name="NetRevenue">Purchases minus returns in the window.</param>
public sealed record OverviewSnapshot(
    DateOnly AsOf,
    bool IsHistorical,
    bool HasOrders,
    int Customers,
    int NewCustomers,
    int Orders,
    decimal NetRevenue,
    int ActiveCampaigns,
    PipelineRunSummary? LastPipelineRun,
    IReadOnlyList<DailySales> Daily)
{
    public const int WindowDays = 30;

    public DateOnly WindowStart => AsOf.AddDays(-(WindowDays - 1));

    /// <summary>False for a fresh install: no customers and no orders yet.</summary>
    public bool HasData => Customers > 0 || HasOrders;
}

/// <summary>One day of the chart: purchases placed and net revenue (purchases minus returns).</summary>
public sealed record DailySales(DateOnly Day, int Orders, decimal NetRevenue);

public sealed record PipelineRunSummary(
    int Id,
    string Trigger,
    RunStatus Status,
    DateTime StartedAt,
    DateTime? FinishedAt,
    string? CurrentStage,
    double Progress,
    string? Error)
{
    public TimeSpan? Duration => FinishedAt - StartedAt;
}
