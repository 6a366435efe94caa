namespace Dashboard.Core.Campaigns;

/// <summary>
/// The rules for a campaign's arms, shared by the form (which shows the problems as the manager edits) and
/// <see cref="CampaignService"/> (which refuses to create a campaign that breaks them).
/// </summary>
public static class VariantPlan
{
    /// <summary>Each treatment splits the audience further and adds a comparison the report must correct for.</summary>
    public const int MaxTreatments = 4;

    public const string HoldoutName = "Holdout: no contact";

    /// <summary>
    /// Each variant's share of the whole audience: the variants split what the holdout leaves in proportion to their
    /// weights, so these shares and the holdout's add up to 1.
    /// </summary>
    public static IReadOnlyList<double> AudienceShares(IReadOnlyList<VariantDraft> variants, double holdoutShare)
    {
        ArgumentNullException.ThrowIfNull(variants);
        var weights = variants.Sum(v => v.Share);
        return variants.Select(v => (1 - holdoutShare) * v.Share / weights).ToList();
    }

    /// <summary>What is wrong with the arms, in words for the manager; empty when the campaign can be created.</summary>
    /// <param name="variants">The control first, then the treatments.</param>
    /// <param name="holdoutShare">The holdout's share of the audience; when positive, the holdout's name is taken.</param>
    /// <param name="pinnableVersionIds">The recommender versions a variant may pin (they still exist and can be loaded).</param>
    public static IReadOnlyList<string> Problems(IReadOnlyList<VariantDraft> variants, double holdoutShare, IReadOnlyCollection<int> pinnableVersionIds)
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(pinnableVersionIds);
        var problems = new List<string>();
        if (variants.Count < 2)
        {
            problems.Add("Add a treatment: the test compares one or more treatments with the control.");
        }
        else if (variants.Count - 1 > MaxTreatments)
        {
            problems.Add($"At most {MaxTreatments} treatments: each one splits the audience further.");
        }

        if (variants.Any(v => string.IsNullOrWhiteSpace(v.Name)))
        {
            problems.Add("Every variant needs a name.");
        }

        var names = variants.Select(v => v.Name.Trim()).Where(n => n.Length > 0);
        if (holdoutShare > 0)
        {
            names = names.Append(HoldoutName);
        }

        problems.AddRange(names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"More than one variant is called \"{g.Key}\": the report tells the arms apart by name."));

        if (variants.Any(v => v.Strategy == OfferStrategy.None))
        {
            problems.Add("Every variant must offer something; the holdout is the group that gets nothing.");
        }

        if (variants.Any(v => v.Share <= 0))
        {
            problems.Add("Every variant needs a positive weight.");
        }

        problems.AddRange(variants
            .Where(v => v.Strategy == OfferStrategy.Personalized && v.ModelVersionId is { } id && !pinnableVersionIds.Contains(id))
            .Select(v => $"\"{v.Name.Trim()}\" pins model version #{v.ModelVersionId}, which no longer exists: pick another version or follow the champion."));
        return problems;
    }
}
