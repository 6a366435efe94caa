using Dashboard.Core.Profiles;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Profiles;

public sealed class ChurnBandsTests : IDisposable
{
    // Each boundary, and the closest doubles either side of it.
    private static readonly double?[] Risks =
    [
        null, 0.0, 0.1, Math.BitDecrement(0.3), 0.3, Math.BitIncrement(0.3), 0.45, Math.BitDecrement(0.6), 0.6, 0.9, 1.0,
    ];

    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Theory]
    [InlineData(0.0, ChurnBand.Low)]
    [InlineData(0.299999, ChurnBand.Low)]
    [InlineData(0.3, ChurnBand.Medium)]
    [InlineData(0.599999, ChurnBand.Medium)]
    [InlineData(0.6, ChurnBand.High)]
    [InlineData(1.0, ChurnBand.High)]
    public void Of_PutsEachBoundaryInTheBandAboveIt(double risk, ChurnBand expected) =>
        Assert.Equal(expected, ChurnBands.Of(risk));

    [Fact]
    public void Of_IsNotScored_WhenRiskIsNull() =>
        Assert.Equal(ChurnBand.NotScored, ChurnBands.Of(null));

    [Fact]
    public void Of_SplitsTheClosestDoublesAroundBoundaries()
    {
        Assert.Equal(ChurnBand.Low, ChurnBands.Of(Math.BitDecrement(0.3)));
        Assert.Equal(ChurnBand.Medium, ChurnBands.Of(Math.BitDecrement(0.6)));
    }

    [Fact]
    public void Range_IsNull_OnlyForNotScored()
    {
        Assert.Null(ChurnBands.Range(ChurnBand.NotScored));
        Assert.Equal(new ChurnRiskRange(null, 0.3), ChurnBands.Range(ChurnBand.Low));
        Assert.Equal(new ChurnRiskRange(0.3, 0.6), ChurnBands.Range(ChurnBand.Medium));
        Assert.Equal(new ChurnRiskRange(0.6, null), ChurnBands.Range(ChurnBand.High));
    }

    [Fact]
    public void All_ListsEveryBandOnce()
    {
        Assert.Equal(Enum.GetValues<ChurnBand>().Order(), ChurnBands.All.Order());
    }

    [Theory]
    [InlineData(ChurnBand.Low)]
    [InlineData(ChurnBand.Medium)]
    [InlineData(ChurnBand.High)]
    [InlineData(ChurnBand.NotScored)]
    public async Task WhereChurnBand_KeepsInSqlExactlyTheProfilesOfPutsInTheBand(ChurnBand band)
    {
        await SaveProfilesWithRisksAsync();

        await using var db = _db.CreateDbContext();
        var inBand = await db.Profiles.WhereChurnBand(p => p.ChurnRisk, band).Select(p => p.ChurnRisk).ToListAsync();

        var expected = Risks.Where(r => ChurnBands.Of(r) == band).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), inBand.Order());
    }

    [Fact]
    public async Task WhereChurnBand_WorksOnAProjection_WithAnOpenLowerEnd()
    {
        await SaveProfilesWithRisksAsync();

        await using var db = _db.CreateDbContext();
        var low = await db.Profiles
            .Select(p => new { p.CustomerId, Risk = p.ChurnRisk })
            .WhereChurnBand(r => r.Risk, ChurnBand.Low)
            .Select(r => r.Risk)
            .ToListAsync();

        Assert.Equal([0.0, 0.1, Math.BitDecrement(0.3)], low.Order());
    }

    /// <summary>One customer and profile per value of <see cref="Risks"/>.</summary>
    private async Task SaveProfilesWithRisksAsync()
    {
        var customers = Risks.Select((_, i) => TestShop.Customer($"c{i}")).ToList();
        await TestShop.SaveAsync(_db, [.. customers]);
        await TestShop.SaveAsync(_db, [.. customers.Select((c, i) => new CustomerProfile
        {
            CustomerId = c.Id,
            Segment = RfmScoring.Prospect,
            ChurnRisk = Risks[i],
            ReferenceDate = TestShop.Today,
            ComputedAt = TestShop.Today,
        })]);
    }
}
