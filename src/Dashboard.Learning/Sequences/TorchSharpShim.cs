using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Dashboard.Learning.Sequences;

/// <summary>
/// TorchSharp's native shim, libLibTorchSharp.so: finding it among the app's native libraries, loading it, and, when the
/// loader rejects it for a symbol version the system C++ library lacks, loading a copy in which that requirement is weak.
/// </summary>
/// <remarks>
/// TorchSharp 0.107's shim requires GLIBCXX_3.4.32 (GCC 13) for one symbol it never calls; Debian 12's libstdc++ stops at
/// 3.4.30. The copy goes to a per-user cache folder keyed by the original's hash; the NuGet cache and the build output are
/// never changed. <see cref="ElfVersionNeeds"/> refuses to weaken a version whose symbols the shim does bind.
/// </remarks>
internal static partial class TorchSharpShim
{
    private const string FileName = "libLibTorchSharp.so";
    private const string ImportName = "LibTorchSharp"; // TorchSharp's [DllImport] name.
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The Linux shim where the runtime's own probing looks for it (the app's native folders), or null.</summary>
    public static string? Find()
    {
        var probed = (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        string[] beside = [AppContext.BaseDirectory, Path.Combine(AppContext.BaseDirectory, "runtimes", $"linux-{architecture}", "native")];
        return probed.Concat(beside).Select(folder => Path.Combine(folder, FileName)).FirstOrDefault(File.Exists);
    }

    /// <summary>Loads the shim as it is; false, with the version the loader missed, when only a symbol version stands in the way.</summary>
    /// <exception cref="DllNotFoundException">It cannot load for another reason.</exception>
    public static bool TryLoad(string shim, [NotNullWhen(false)] out string? missingVersion)
    {
        try
        {
            NativeLibrary.Load(shim);
            missingVersion = null;
            return true;
        }
        catch (DllNotFoundException exception) when (MissingVersion().Match(exception.Message) is { Success: true } missing)
        {
            missingVersion = missing.Groups["version"].Value;
            return false;
        }
    }

    /// <summary>Writes (or reuses) the patched copy, loads it, and points TorchSharp's imports at it. Returns the copy's path.</summary>
    [SupportedOSPlatform("linux")]
    public static string LoadPatchedCopy(string shim, string missingVersion)
    {
        var copy = WritePatchedCopy(shim, missingVersion);

        // The copy's folder holds no libtorch: load it from beside the original first, so that the loader resolves the
        // copy's dependencies (libtorch.so, libtorch_cpu.so, libc10.so) by soname to the libraries already in memory.
        NativeLibrary.Load(Path.Combine(Path.GetDirectoryName(shim)!, "libtorch.so"));
        var handle = NativeLibrary.Load(copy);
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += (_, name) => name == ImportName ? handle : IntPtr.Zero;
        return copy;
    }

    [SupportedOSPlatform("linux")]
    private static string WritePatchedCopy(string shim, string missingVersion)
    {
        var original = File.ReadAllBytes(shim);
        var patched = ElfVersionNeeds.MarkWeak(original, missingVersion);
        var folder = Path.Combine(CacheRoot(), Convert.ToHexStringLower(SHA256.HashData(original))[..16]);
        Directory.CreateDirectory(folder, OwnerOnly);
        if ((File.GetUnixFileMode(folder) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new IOException($"{folder} is writable by others; no code is loaded from there.");
        }

        var copy = Path.Combine(folder, FileName);
        if (!File.Exists(copy) || !File.ReadAllBytes(copy).AsSpan().SequenceEqual(patched))
        {
            // Written aside and renamed, so that a process starting at the same time never loads half a file.
            var partial = $"{copy}.{Environment.ProcessId}.partial";
            File.WriteAllBytes(partial, patched);
            File.Move(partial, copy, overwrite: true);
        }

        return copy;
    }

    /// <summary>The user's local application data (~/.local/share) when there is one, else the temp folder.</summary>
    private static string CacheRoot()
    {
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(local)
            ? Path.Combine(Path.GetTempPath(), $"dashboard-torchsharp-{Environment.UserName}")
            : Path.Combine(local, "dashboard", "torchsharp");
    }

    [GeneratedRegex(@"version `(?<version>[^']+)' not found")]
    private static partial Regex MissingVersion();
}
