using System.Globalization;
using CsvHelper;
using Dashboard.Core.Experiments.Analysis;

namespace Dashboard.Core.Experiments.Reports;

/// <summary>
/// The report as a CSV for a spreadsheet or another tool: one row per arm of each analysis (conversion, revenue per
/// member, incrementality, then every breakdown group), numbers unrounded and invariant, empty where a value does not
/// apply (the baseline has no effect). It holds aggregates only, no customer.
/// </summary>
public static class ReportCsv
{
    public static readonly string[] Header =
    [
        "analysis", "group", "arm", "n", "mean", "absolute_effect", "absolute_ci_low", "absolute_ci_high", "absolute_p",
        "relative_lift", "relative_ci_low", "relative_ci_high", "relative_p", "adjusted_p", "chance_to_win", "risk", "verdict",
    ];

    /// <param name="result">The analysis; null writes the header alone (nothing to analyse yet).</param>
    public static async Task WriteAsync(CampaignAnalysisResult? result, Stream destination, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(destination, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, leaveOpen: true);
        await csv.WriteRecordAsync(Header, ct);
        if (result is null)
        {
            return;
        }

        List<(string Analysis, string Group, ExperimentAnalysis Result)> analyses =
        [
            ("conversion", "", result.Conversion),
            ("revenue_per_member", "", result.Revenue),
            .. result.Incrementality is { } incrementality ? [("incrementality", "", incrementality)] : Array.Empty<(string, string, ExperimentAnalysis)>(),
            .. result.BySegment.Select(g => ("conversion_by_segment", g.Group, g.Conversion)),
            .. result.ByCountry.Select(g => ("conversion_by_country", g.Group, g.Conversion)),
        ];
        foreach (var (analysis, group, analyzed) in analyses)
        {
            foreach (var arm in analyzed.Variants)
            {
                await csv.WriteRecordAsync(
                [
                    analysis, group, arm.Name, Number(arm.N), Number(arm.Mean),
                    Number(arm.AbsoluteEffect), Number(arm.AbsoluteCi?[0]), Number(arm.AbsoluteCi?[1]), Number(arm.AbsolutePValue),
                    Number(arm.RelativeLift), Number(arm.RelativeCi?[0]), Number(arm.RelativeCi?[1]), Number(arm.RelativePValue),
                    Number(arm.AdjustedPValue), Number(arm.ChanceToWin), Number(arm.Risk), arm.Verdict ?? "",
                ], ct);
            }
        }
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
