using Dashboard.Learning.Sequences;

namespace Dashboard.Learning.Tests.Sequences;

public class ElfVersionNeedsTests
{
    [Fact]
    public void MarkWeak_SetsTheWeakFlagOfThatVersionOnly_AndLeavesEveryOtherByte()
    {
        var original = TinyElf.Build(bindNeededSymbol: false, out var flags);

        var patched = ElfVersionNeeds.MarkWeak(original, TinyElf.Needed);

        Assert.Equal(2, BitConverter.ToUInt16(patched, flags));
        Assert.Equal([flags], DifferingBytes(original, patched));
    }

    [Fact]
    public void MarkWeak_LeavesItsInputAlone()
    {
        var original = TinyElf.Build(bindNeededSymbol: false, out _);
        var before = original.ToArray();

        _ = ElfVersionNeeds.MarkWeak(original, TinyElf.Needed);

        Assert.Equal(before, original);
    }

    [Fact]
    public void MarkWeak_Refuses_WhenARelocationBindsASymbolOfThatVersion()
    {
        var original = TinyElf.Build(bindNeededSymbol: true, out _);

        var refusal = Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.MarkWeak(original, TinyElf.Needed));
        Assert.Contains("1 relocations bind symbols of GLIBCXX_3.4.32", refusal.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.MarkWeak(original, TinyElf.Other));
    }

    [Fact]
    public void MarkWeak_Refuses_AVersionTheLibraryDoesNotRequire()
    {
        var original = TinyElf.Build(bindNeededSymbol: false, out _);

        var refusal = Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.MarkWeak(original, "GLIBCXX_3.4.99"));
        Assert.Contains("does not require GLIBCXX_3.4.99", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)] // empty
    [InlineData(1)] // 32-bit
    [InlineData(2)] // truncated
    public void MarkWeak_RejectsWhatIsNotAWholeElf64File(int damage)
    {
        var elf = TinyElf.Build(bindNeededSymbol: false, out _);
        var damaged = damage switch
        {
            0 => [],
            1 => elf.Select((b, i) => i == 4 ? (byte)1 : b).ToArray(),
            _ => elf[..(elf.Length / 2)],
        };

        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.MarkWeak(damaged, TinyElf.Needed));
    }

    [Fact]
    public void MarkWeak_OnTorchSharpsRealShim_ChangesOneFlagByte()
    {
        var shim = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (!File.Exists(shim))
        {
            return; // Only the Linux build output carries it.
        }

        var original = File.ReadAllBytes(shim);

        var patched = ElfVersionNeeds.MarkWeak(original, "GLIBCXX_3.4.32");

        var changed = Assert.Single(DifferingBytes(original, patched));
        Assert.Equal(original[changed] | 2, patched[changed]);
    }

    private static int[] DifferingBytes(byte[] a, byte[] b)
    {
        Assert.Equal(a.Length, b.Length);
        return [.. Enumerable.Range(0, a.Length).Where(i => a[i] != b[i])];
    }
}
