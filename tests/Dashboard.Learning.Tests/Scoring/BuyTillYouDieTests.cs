using Dashboard.Learning.Scoring;
using MathNet.Numerics.Distributions;

namespace Dashboard.Learning.Tests.Scoring;

/// <summary>
/// The BG/NBD and Gamma-Gamma models against data simulated from their own generative stories with known parameters:
/// the fit must recover the parameters, and the conditional expectations must match what the simulated customers then do.
/// </summary>
public sealed class BuyTillYouDieTests
{
    [Fact]
    public void Hypergeometric2F1_MatchesItsClosedForm()
    {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z.
        Assert.Equal(-Math.Log(0.5) / 0.5, BgNbd.Hypergeometric2F1(1, 1, 2, 0.5), 12);
        Assert.Equal(-Math.Log(0.1) / 0.9, BgNbd.Hypergeometric2F1(1, 1, 2, 0.9), 9);
        Assert.Equal(1.0, BgNbd.Hypergeometric2F1(3.5, 2.2, 1.7, 0), 12);
    }

    [Fact]
    public void LogLikelihood_OfACustomerWithoutRepeats_IsTheChanceOfNoPurchaseInTheirAge()
    {
        // With x = 0: L = (alpha / (alpha + T))^r, the Gamma-mixed chance of no Poisson event in T days.
        var model = new BgNbd(0.8, 20, 0.9, 2.5);
        Assert.Equal(0.8 * Math.Log(20.0 / (20 + 100)), model.LogLikelihood(new PurchaseHistory(0, 0, 100)), 12);
    }

    [Fact]
    public void Fit_RecoversThePlantedParameters_AndPredictsWhatTheCustomersDoNext()
    {
        var truth = new BgNbd(R: 0.6, Alpha: 25, A: 0.9, B: 3.0);
        var customers = Simulate(truth, count: 6_000, horizon: 90, seed: 5);

        var fitted = BgNbd.Fit([.. customers.Select(c => c.History)]);

        Assert.InRange(fitted.R, 0.6 * 0.8, 0.6 * 1.2);
        Assert.InRange(fitted.Alpha, 25 * 0.75, 25 * 1.25);
        Assert.InRange(fitted.A / (fitted.A + fitted.B), 0.9 / 3.9 * 0.75, 0.9 / 3.9 * 1.25);
        var predicted = customers.Average(c => fitted.ExpectedPurchases(c.History, 90));
        var actual = customers.Average(c => c.Future);
        Assert.InRange(predicted / actual, 0.93, 1.07);
        // Also per group: customers who bought often before buy more next, and the model knows how much more.
        foreach (var group in customers.GroupBy(c => Math.Min(c.History.Repeats, 3)))
        {
            var ratio = group.Average(c => fitted.ExpectedPurchases(c.History, 90)) / group.Average(c => c.Future);
            Assert.InRange(ratio, 0.85, 1.15);
        }
    }

    [Fact]
    public void ProbabilityAlive_IsLowerForACustomerWhoStoppedBuyingLongAgo()
    {
        var model = new BgNbd(0.6, 25, 0.9, 3.0);

        var recent = model.ProbabilityAlive(new PurchaseHistory(4, LastAt: 195, Age: 200));
        var longAgo = model.ProbabilityAlive(new PurchaseHistory(4, LastAt: 40, Age: 200));

        // By hand: 1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + tx))^(r + x)).
        Assert.Equal(1 / (1 + (0.9 / 6 * Math.Pow(225.0 / 220, 4.6))), recent, 12);
        Assert.Equal(1 / (1 + (0.9 / 6 * Math.Pow(225.0 / 65, 4.6))), longAgo, 12);
        Assert.True(recent > 0.85 && longAgo < 0.1, $"recent {recent}, long ago {longAgo}");
        Assert.Equal(1.0, model.ProbabilityAlive(new PurchaseHistory(0, 0, 200)));
    }

    [Fact]
    public void GammaGamma_RecoversTheMeanOrderValue_AndShrinksSmallSamplesTowardsIt()
    {
        var random = new Random(9);
        const double p = 6, q = 4, gamma = 15;
        var customers = Enumerable.Range(0, 4_000).Select(_ =>
        {
            var nu = Gamma.Sample(random, q, gamma);
            var orders = random.Next(2, 13);
            var average = Enumerable.Range(0, orders).Average(_ => Gamma.Sample(random, p, nu));
            return (Orders: orders, Average: average, TrueMean: p / nu);
        }).ToList();

        var fitted = GammaGamma.Fit([.. customers.Select(c => (c.Orders, c.Average))]);

        Assert.InRange(fitted.PopulationMean, p * gamma / (q - 1) * 0.9, p * gamma / (q - 1) * 1.1);
        var predictedError = customers.Average(c => Math.Abs(fitted.ExpectedOrderValue(c.Orders, c.Average) - c.TrueMean));
        var ownAverageError = customers.Average(c => Math.Abs(c.Average - c.TrueMean));
        Assert.True(predictedError < ownAverageError, $"shrunk {predictedError:0.00} vs own average {ownAverageError:0.00}");
        var shrunk = fitted.ExpectedOrderValue(2, 200);
        Assert.InRange(shrunk, fitted.PopulationMean, 200);
    }

    /// <summary>BG/NBD's story: Poisson purchases at a Gamma-drawn rate; after each repeat purchase a Beta-drawn dropout chance.</summary>
    private static List<(PurchaseHistory History, int Future)> Simulate(BgNbd truth, int count, double horizon, int seed)
    {
        var random = new Random(seed);
        var customers = new List<(PurchaseHistory, int)>(count);
        for (var i = 0; i < count; i++)
        {
            var rate = Gamma.Sample(random, truth.R, truth.Alpha);
            var dropout = Beta.Sample(random, truth.A, truth.B);
            var age = 100 + (random.NextDouble() * 265);
            double t = 0, last = 0;
            int repeats = 0, future = 0;
            var alive = true;
            while (alive)
            {
                t += Exponential.Sample(random, rate);
                if (t > age + horizon)
                {
                    break;
                }

                if (t <= age)
                {
                    repeats++;
                    last = t;
                }
                else
                {
                    future++;
                }

                alive = random.NextDouble() >= dropout;
            }

            customers.Add((new PurchaseHistory(repeats, last, age), future));
        }

        return customers;
    }
}
