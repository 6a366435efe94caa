using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Learning.Sequences;

/// <summary>
/// Loads libtorch once per process for the sequence models: as it is where it can, from a patched copy of TorchSharp's
/// native shim where the system C++ library is a little older than the one the shim was linked against (Debian 12), and
/// not at all, with the reason in <see cref="Status"/>, where it cannot run; the product then keeps its baselines.
/// </summary>
/// <remarks>
/// Every use of TorchSharp must come after <see cref="EnsureAvailable"/>. The <c>torch</c> type loads the native
/// libraries in its static constructor; if that fails, the type stays broken for the life of the process, and TorchSharp's
/// own fallback first copies ~500 MB of libtorch next to the app. So the shim is loaded here, before <c>torch</c> is touched.
/// </remarks>
public static class TorchRuntime
{
    private static readonly Lazy<TorchStatus> LoadedStatus = new(Load);
    private static readonly Lazy<Device> PreferredDevice = new(() =>
    {
        EnsureAvailable();
        return cuda.is_available() ? CUDA : CPU;
    });

    public static TorchStatus Status => LoadedStatus.Value;

    public static bool IsAvailable => Status.IsAvailable;

    /// <summary>Where models train and score: a CUDA device when libtorch sees one, else the CPU.</summary>
    public static Device Device => PreferredDevice.Value;

    /// <exception cref="InvalidOperationException">libtorch cannot load here; the message says why.</exception>
    public static void EnsureAvailable()
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException(Status.Message);
        }
    }

    private static TorchStatus Load()
    {
        try
        {
            var shim = TorchSharpShim.Find();
            if (!OperatingSystem.IsLinux() || shim is null || TorchSharpShim.TryLoad(shim, out var missingVersion))
            {
                // Loaded as it is; or, elsewhere than Linux or in an unusual layout, TorchSharp's own search decides.
                return Initialise(new TorchStatus(true, "TorchSharp loaded"));
            }

            var copy = TorchSharpShim.LoadPatchedCopy(shim, missingVersion);
            return Initialise(new TorchStatus(true, $"TorchSharp loaded after marking {missingVersion} weak in a patched copy at {copy}", copy));
        }
#pragma warning disable CA1031 // Whatever stops libtorch from loading, the product goes on without the sequence models.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return Unavailable(exception);
        }
    }

    internal static TorchStatus Unavailable(Exception exception) =>
        new(false, $"libtorch cannot load here: {Reason(exception)}; sequence models are disabled, baselines only");

    private static TorchStatus Initialise(TorchStatus status)
    {
        InitializeDeviceType(DeviceType.CPU);

        // One thread per operation: the models are small, so a second thread gains little (1.3 s against 1.5 s an epoch
        // on 4,000 customers and items, idle), while on cores shared with the web server, jobs or other fits OpenMP's
        // spin-waiting made epochs 5-30 times slower. Parallelism, where wanted, is several fits at once.
        set_num_threads(1);
        using var probe = ones(2);
        return probe.sum().item<float>() == 2f ? status : throw new InvalidOperationException("libtorch loaded but computes wrongly.");
    }

    /// <summary>The loader's own words (its last line) rather than .NET's advice around them.</summary>
    private static string Reason(Exception exception)
    {
        var innermost = exception.GetBaseException();
        var lines = innermost.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? innermost.GetType().Name : lines[^1];
    }
}
