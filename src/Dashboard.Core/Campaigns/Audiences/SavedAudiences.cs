using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Campaigns.Audiences;

/// <summary>A named audience in the library, to start a campaign's rules from.</summary>
public sealed record SavedAudience(int Id, string Name, string? Description, AudienceRules Rules, DateTime CreatedAt, DateTime? UpdatedAt);

/// <summary>
/// The saved-audience library: audiences with <see cref="Audience.IsSaved"/>, their names unique (ignoring case). A campaign
/// copies the rules into its own audience when it is created, so editing or deleting a saved audience never changes one.
/// </summary>
public sealed class SavedAudiences(IDbContextFactory<DashboardDbContext> contexts, TimeProvider clock)
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 1000;

    public async Task<IReadOnlyList<SavedAudience>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Audiences.AsNoTracking().Where(a => a.IsSaved).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).Select(ToSaved)];
    }

    public async Task<SavedAudience?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Audiences.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.IsSaved, cancellationToken);
        return row is null ? null : ToSaved(row);
    }

    /// <summary>
    /// Saves the rules under the name: updates the saved audience of that name (ignoring case) or creates one. The rules
    /// must be valid (<see cref="AudienceRules.Validate"/>); an invalid name or rules throw an <see cref="AudienceRuleException"/>.
    /// </summary>
    public async Task<SavedAudience> SaveAsync(string name, string? description, AudienceRules rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        name = name?.Trim() ?? "";
        description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (name.Length == 0)
        {
            throw new AudienceRuleException("Give the audience a name.");
        }

        if (name.Length > MaxNameLength)
        {
            throw new AudienceRuleException($"The name is too long: {MaxNameLength} characters at most.");
        }

        if (description?.Length > MaxDescriptionLength)
        {
            throw new AudienceRuleException($"The description is too long: {MaxDescriptionLength} characters at most.");
        }

        rules.Validate();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // Few saved audiences: the case-insensitive match is made here, the same on both providers.
        var saved = await db.Audiences.Where(a => a.IsSaved).ToListAsync(cancellationToken);
        var audience = saved.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
        if (audience is null)
        {
            audience = new Audience { Name = name, IsSaved = true, RulesJson = rules.ToJson(), Description = description, CreatedAt = now };
            db.Audiences.Add(audience);
        }
        else
        {
            audience.Name = name;
            audience.Description = description;
            audience.RulesJson = rules.ToJson();
            audience.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return ToSaved(audience);
    }

    /// <summary>Removes the saved audience; false when there is none with that id. Campaigns keep their own copies.</summary>
    public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Audiences.Where(a => a.Id == id && a.IsSaved).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>The countries, clusters and product categories in the data, for the builder's value lists.</summary>
    public async Task<AudienceChoices> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var countries = await db.Customers.Select(c => c.Country).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);
        var clusters = await db.Profiles.Where(p => p.Cluster != null).Select(p => p.Cluster!.Value).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);
        var categories = await db.Products.Select(p => p.Category).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);
        return new AudienceChoices(countries, clusters, categories);
    }

    private static SavedAudience ToSaved(Audience audience) =>
        new(audience.Id, audience.Name, audience.Description, AudienceRules.FromJson(audience.RulesJson), audience.CreatedAt, audience.UpdatedAt);
}

/// <summary>The values the builder offers for the fields whose values come from the data.</summary>
public sealed record AudienceChoices(IReadOnlyList<string> Countries, IReadOnlyList<int> Clusters, IReadOnlyList<string> Categories)
{
    public static AudienceChoices None { get; } = new([], [], []);
}
