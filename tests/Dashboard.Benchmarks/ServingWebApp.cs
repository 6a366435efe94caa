using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Dashboard.Benchmarks;

/// <summary>
/// The real web app as its own process: the built <c>Dashboard.Web.dll</c> of the same configuration as this program
/// (Release when run with <c>-c Release</c>), in Production, on a free loopback port, on the given SQLite file, with
/// demo seeding off and the role "web" (the API and UI, no job server: an instance that serves). Its output goes to a
/// log file beside the database, so a failure can be read afterwards.
/// </summary>
public sealed class ServingWebApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private bool _closed;

    private ServingWebApp(Process process, StreamWriter log, string baseUrl, string logPath)
    {
        (_process, _log, BaseUrl, LogPath) = (process, log, baseUrl, logPath);
    }

    public string BaseUrl { get; }

    public string LogPath { get; }

    /// <summary>CPU time the server process has used so far (user and system, all threads).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static string WebDll()
    {
        var configuration = typeof(ServingWebApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        return Path.Combine(RepositoryRoot(), "src", "Dashboard.Web", "bin", configuration, "net10.0", "Dashboard.Web.dll");
    }

    public static async Task<ServingWebApp> StartAsync(FileInfo database, string dataDirectory, string logPath, CancellationToken ct)
    {
        var dll = WebDll();
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The web app is not built: {dll} is missing (build the benchmark, which builds it, in the same configuration).");
        }

        Directory.CreateDirectory(dataDirectory);
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.Combine(RepositoryRoot(), "src", "Dashboard.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["ASPNETCORE_URLS"] = baseUrl,
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__Dashboard"] = $"Data Source={database.FullName}",
                ["Database__Provider"] = "Sqlite",
                // Hangfire's own SQLite file and the write probe go here, not into the user's data folder.
                ["Database__DataDirectory"] = dataDirectory,
                // The prepared database is not empty, so nothing would be seeded; saying so keeps the demo users out too.
                ["Demo__SeedWhenEmpty"] = "false",
                ["Host__Role"] = "web",
            },
        };
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the web app.");
        var app = new ServingWebApp(process, log, baseUrl, logPath);
        process.OutputDataReceived += (_, e) => app.Write(e.Data);
        process.ErrorDataReceived += (_, e) => app.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilHealthyAsync(TimeSpan.FromMinutes(3), ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_log)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (!_closed)
            {
                _log.WriteLine(line);
            }
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The web app exited with code {_process.ExitCode}; see {LogPath}.");
            }

            try
            {
                if ((await http.GetAsync(new Uri($"{BaseUrl}/health"), ct)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet (migrating runs before Kestrel starts).
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // A slow first answer; ask again.
            }

            await Task.Delay(250, ct);
        }

        throw new TimeoutException($"The web app did not answer /health within {timeout}; see {LogPath}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Dashboard.sln not found above the benchmark's folder.");
    }
}
