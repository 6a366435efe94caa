using System.Diagnostics;
using System.Globalization;

namespace Dashboard.Core.Pipeline;

/// <summary>
/// Wall time and memory of one piece of work (a pipeline stage), for <c>--measure</c> and the benchmark. The working set
/// peak is the one reached while the work ran, not since the process started (see <see cref="StageMeter"/>); the managed
/// heap peak is sampled; <see cref="AllocatedBytes"/> counts every managed allocation the process made meanwhile.
/// </summary>
public sealed record StageMeasurement(
    double Seconds,
    long WorkingSetBeforeBytes,
    long PeakWorkingSetBytes,
    long ManagedHeapBeforeBytes,
    long PeakManagedHeapBytes,
    long ManagedHeapAfterBytes,
    long AllocatedBytes,
    string PeakSource)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Seconds:0.0} s; working set {Mib(WorkingSetBeforeBytes):0} MiB before, peak {Mib(PeakWorkingSetBytes):0} MiB ({PeakSource}); " +
        $"managed heap peak {Mib(PeakManagedHeapBytes):0} MiB, {Mib(AllocatedBytes):0} MiB allocated");

    public static double Mib(long bytes) => bytes / 1048576.0;
}

/// <summary>
/// Measures work the way <see cref="Ingestion.ImportBenchmark"/> measures an import (wall time, working set, managed
/// heap), but for a stage that may run after other work in the same process (a benchmark that first generates its data):
/// on Linux it resets the kernel's high-water mark of the process's resident set before the work (<c>/proc/self/clear_refs</c>)
/// and reads it after, so the peak is the stage's own; everywhere it also samples the working set and the managed heap
/// every <see cref="SampleInterval"/>, which is the peak where the high-water mark cannot be reset.
/// </summary>
public static class StageMeter
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(10);

    public static async Task<(T Result, StageMeasurement Measurement)> MeasureAsync<T>(Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var process = Process.GetCurrentProcess();
        var workingSetBefore = process.WorkingSet64;
        var heapBefore = GC.GetTotalMemory(forceFullCollection: false);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var highWaterReset = TryResetHighWaterMark();

        using var sampler = new Sampler(workingSetBefore, heapBefore);
        var stopwatch = Stopwatch.StartNew();
        var result = await work();
        stopwatch.Stop();
        await sampler.StopAsync();

        process.Refresh();
        var heapAfter = GC.GetTotalMemory(forceFullCollection: false);
        var sampledPeak = Math.Max(sampler.PeakWorkingSet, process.WorkingSet64);
        var peak = highWaterReset ? Math.Max(process.PeakWorkingSet64, sampledPeak) : sampledPeak;
        return (result, new StageMeasurement(
            stopwatch.Elapsed.TotalSeconds,
            workingSetBefore,
            peak,
            heapBefore,
            Math.Max(sampler.PeakManagedHeap, heapAfter),
            heapAfter,
            GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore,
            highWaterReset ? "kernel high-water mark" : $"sampled every {SampleInterval.TotalMilliseconds:0} ms"));
    }

    /// <summary>Writing 5 to clear_refs resets the peak resident set size (VmHWM, Linux 4.0+), which <see cref="Process.PeakWorkingSet64"/> reads.</summary>
    private static bool TryResetHighWaterMark()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private sealed class Sampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public Sampler(long workingSet, long managedHeap)
        {
            PeakWorkingSet = workingSet;
            PeakManagedHeap = managedHeap;
            _loop = Task.Run(LoopAsync);
        }

        public long PeakWorkingSet { get; private set; }
        public long PeakManagedHeap { get; private set; }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await _loop;
        }

        public void Dispose() => _stop.Dispose();

        private async Task LoopAsync()
        {
            using var timer = new PeriodicTimer(SampleInterval);
            using var process = Process.GetCurrentProcess();
            try
            {
                do
                {
                    process.Refresh();
                    PeakWorkingSet = Math.Max(PeakWorkingSet, process.WorkingSet64);
                    PeakManagedHeap = Math.Max(PeakManagedHeap, GC.GetTotalMemory(forceFullCollection: false));
                }
                while (await timer.WaitForNextTickAsync(_stop.Token));
            }
            catch (OperationCanceledException)
            {
                // Stopped: the peaks are final.
            }
        }
    }
}
