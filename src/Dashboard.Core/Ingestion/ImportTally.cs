namespace Dashboard.Core.Ingestion;

/// <summary>Counts of one batch or of a whole run: outcomes, and rows per rule.</summary>
internal sealed class ImportTally
{
    public long RowsRead { get; private set; }
    public long Accepted { get; private set; }
    public long Rejected { get; private set; }
    public long Flagged { get; private set; }

    public SortedDictionary<string, long> Rules { get; } = new(StringComparer.Ordinal);

    public void Count(ImportRowOutcome? outcome, string? rule, IReadOnlyList<string> tags)
    {
        RowsRead++;
        switch (outcome)
        {
            case ImportRowOutcome.Rejected:
                Rejected++;
                break;
            case ImportRowOutcome.Flagged:
                Flagged++;
                break;
            default:
                Accepted++;
                break;
        }

        if (rule is not null)
        {
            CountRule(rule);
        }

        foreach (var tag in tags)
        {
            CountRule(tag);
        }
    }

    public void Add(ImportTally other)
    {
        RowsRead += other.RowsRead;
        Accepted += other.Accepted;
        Rejected += other.Rejected;
        Flagged += other.Flagged;
        foreach (var (rule, rows) in other.Rules)
        {
            Rules[rule] = Rules.GetValueOrDefault(rule) + rows;
        }
    }

    public long Rule(string rule) => Rules.GetValueOrDefault(rule);

    private void CountRule(string rule) => Rules[rule] = Rules.GetValueOrDefault(rule) + 1;
}
