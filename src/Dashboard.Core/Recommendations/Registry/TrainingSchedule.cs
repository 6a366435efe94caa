using Cronos;
using Dashboard.Core.Models;
using Dashboard.Core.Persistence;
using Dashboard.Core.Security;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Recommendations.Registry;

/// <summary>
/// When recommenders retrain. Configuration (<see cref="RecommenderOptions.TrainingCron"/>) gives the default; a cron
/// saved from the Models page is stored as a <see cref="DashboardSetting"/> and wins from then on, so the change
/// survives a restart (the start-up registration reads it) and every host agrees on it.
/// </summary>
public sealed class TrainingSchedule(
    IDbContextFactory<DashboardDbContext> contexts,
    IRecurringJobManager recurring,
    AuditLog audit,
    TimeProvider clock,
    IOptions<RecommenderOptions> options)
{
    public const string SettingKey = "Recommendations:TrainingCron";

    public async Task<string> CronAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.Settings.AsNoTracking().Where(s => s.Key == SettingKey).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
        return stored ?? options.Value.TrainingCron;
    }

    /// <summary>Registers (or re-registers) the recurring training job with the current cron; called at start-up.</summary>
    public async Task RegisterAsync(CancellationToken cancellationToken = default) => Register(await CronAsync(cancellationToken));

    /// <summary>Validates, stores and applies a new schedule (UTC), audited.</summary>
    /// <exception cref="ArgumentException">Not a five-field cron expression.</exception>
    public async Task SetCronAsync(string cron, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var error = Validate(cron);
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(cron));
        }

        cron = cron.Trim();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == SettingKey, cancellationToken);
        if (setting is null)
        {
            setting = new DashboardSetting { Key = SettingKey, Value = cron };
            db.Settings.Add(setting);
        }

        setting.Value = cron;
        setting.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        setting.UpdatedBy = actor;
        audit.Add(db, actor, AuditActions.RecommenderScheduleChanged, AuditEntities.Setting, SettingKey, cron);
        await db.SaveChangesAsync(cancellationToken);
        Register(cron);
    }

    /// <summary>Null when <paramref name="cron"/> is a valid five-field expression (minute hour day month weekday), otherwise why not.</summary>
    public static string? Validate(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            return "Enter a cron expression, e.g. \"0 3 * * *\" for 03:00 UTC every day.";
        }

        try
        {
            CronExpression.Parse(cron.Trim(), CronFormat.Standard);
            return null;
        }
        catch (CronFormatException e)
        {
            return $"\"{cron}\" is not a cron expression (minute hour day month weekday): {e.Message}";
        }
    }

    private void Register(string cron) =>
        recurring.AddOrUpdate<RecommenderTrainingJob>(
            RecommenderTrainingJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
}
