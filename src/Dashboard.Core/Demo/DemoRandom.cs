namespace Dashboard.Core.Demo;

/// <summary>
/// A small, fully specified pseudo-random source (SplitMix64) for demo data. Unlike
/// <see cref="Random"/>, <see cref="HashCode"/> or <see cref="string.GetHashCode()"/>, its output is
/// fixed by its algorithm, so a seed gives the same numbers in every process, on every machine and
/// in every .NET version. Not for security.
/// </summary>
internal sealed class DemoRandom
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    public DemoRandom(ulong seed) => _state = seed;

    /// <summary>A generator for one entity: seeded from the shop seed, a stream name and the entity's index.</summary>
    public static DemoRandom For(int seed, DemoStream stream, long index) => new(Derive(seed, stream, index));

    /// <summary>Mixes (seed, stream, index) into one 64-bit seed; a pure function, stable across processes.</summary>
    public static ulong Derive(int seed, DemoStream stream, long index)
    {
        var h = Mix(unchecked((ulong)(uint)seed + GoldenGamma));
        h = Mix(h ^ unchecked((ulong)stream * GoldenGamma));
        return Mix(h ^ unchecked((ulong)index + GoldenGamma));
    }

    /// <summary>The SplitMix64 finaliser (Steele, Lea and Flood 2014).</summary>
    public static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    public ulong NextUInt64()
    {
        unchecked
        {
            _state += GoldenGamma;
        }

        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, maxExclusive).</summary>
    public int Next(int maxExclusive)
    {
        if (maxExclusive <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "The bound must be positive.");
        }

        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    /// <summary>Uniform integer in [minInclusive, maxInclusive].</summary>
    public int NextInclusive(int minInclusive, int maxInclusive) => minInclusive + Next(maxInclusive - minInclusive + 1);

    public double NextDouble(double min, double max) => min + ((max - min) * NextDouble());

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>A non-negative 31-bit integer, e.g. to seed a library that takes an <see cref="int"/> seed.</summary>
    public int NextInt31() => (int)(NextUInt64() >> 33);

    /// <summary>Standard normal draw (Box-Muller).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Poisson draw (Knuth); fine for the small rates used here.</summary>
    public int NextPoisson(double lambda)
    {
        if (lambda <= 0)
        {
            return 0;
        }

        var limit = Math.Exp(-lambda);
        var k = 0;
        var p = NextDouble();
        while (p > limit)
        {
            k++;
            p *= NextDouble();
        }

        return k;
    }

    /// <summary>Number of failures before the first success, capped.</summary>
    public int NextGeometric(double successProbability, int cap)
    {
        var k = 0;
        while (k < cap && !Chance(successProbability))
        {
            k++;
        }

        return k;
    }

    /// <summary>Index drawn in proportion to non-negative weights.</summary>
    public int NextWeighted(IReadOnlyList<double> weights)
    {
        var total = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            total += weights[i];
        }

        var x = NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    /// <summary>Running sums of non-negative weights, for <see cref="NextFromCumulative"/>.</summary>
    public static double[] Cumulative(IReadOnlyList<double> weights)
    {
        var result = new double[weights.Count];
        var sum = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            sum += weights[i];
            result[i] = sum;
        }

        return result;
    }

    /// <summary>Index drawn from a cumulative weight table (ascending, last entry = total).</summary>
    public int NextFromCumulative(double[] cumulative)
    {
        var x = NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, x);
        i = i < 0 ? ~i : i + 1;
        return Math.Min(i, cumulative.Length - 1);
    }

    /// <summary>Fisher-Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}

/// <summary>Independent random streams, so that adding draws to one never shifts another.</summary>
internal enum DemoStream : ulong
{
    Catalog = 1,
    Taste = 2,
    Profile = 3,
    Behaviour = 4,
}
