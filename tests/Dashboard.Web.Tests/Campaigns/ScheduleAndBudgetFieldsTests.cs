using Bunit;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Web.Campaigns;
using Dashboard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Web.Tests.Campaigns;

public sealed class ScheduleAndBudgetFieldsTests : DashboardComponentTest
{
    public ScheduleAndBudgetFieldsTests() =>
        Services.AddSingleton<TimeProvider>(new FixedTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero)));

    [Fact]
    public async Task PickedDays_BecomeUtcMidnights_WithTheLastDayIncluded()
    {
        var draft = new CampaignDraft();
        var changes = 0;
        var cut = Render<ScheduleAndBudgetFields>(p => p.Add(x => x.Draft, draft).Add(x => x.Changed, () => changes++));
        var pickers = cut.FindComponents<MudDatePicker>();

        await cut.InvokeAsync(() => pickers[0].Instance.DateChanged.InvokeAsync(new DateTime(2026, 12, 1)));
        await cut.InvokeAsync(() => pickers[1].Instance.DateChanged.InvokeAsync(new DateTime(2026, 12, 14)));

        Assert.Equal(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), draft.StartsAt);
        Assert.Equal(DateTimeKind.Utc, draft.StartsAt!.Value.Kind);
        Assert.Equal(new DateTime(2026, 12, 15, 0, 0, 0, DateTimeKind.Utc), draft.EndsAt);
        Assert.Equal(new DateTime(2026, 12, 14), pickers[1].Instance.Date);
        Assert.NotEqual(0, changes);
    }

    [Fact]
    public async Task ClearingTheLastDay_RunsUntilCompleted()
    {
        var draft = new CampaignDraft { EndsAt = new DateTime(2026, 12, 15, 0, 0, 0, DateTimeKind.Utc) };
        var cut = Render<ScheduleAndBudgetFields>(p => p.Add(x => x.Draft, draft));

        await cut.InvokeAsync(() => cut.FindComponents<MudDatePicker>()[1].Instance.DateChanged.InvokeAsync(null));

        Assert.Null(draft.EndsAt);
    }
}
