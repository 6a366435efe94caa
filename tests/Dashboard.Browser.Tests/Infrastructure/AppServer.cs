using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Dashboard.Browser.Tests.Infrastructure;

/// <summary>
/// Starts the real dashboard (its built Dashboard.Web.dll, as a separate process) on a free loopback port
/// with a fresh SQLite data folder and a small demo shop, and stops it afterwards.
/// </summary>
public sealed class AppServer : IAsyncLifetime
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    public string BaseUrl { get; private set; } = "";
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "dashboard-browser-tests", Guid.NewGuid().ToString("N"));

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public async Task InitializeAsync()
    {
        var configuration = typeof(AppServer).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var webDirectory = Path.Combine(RepositoryRoot, "src", "Dashboard.Web");
        var dll = Path.Combine(webDirectory, "bin", configuration, "net10.0", "Dashboard.Web.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the web project first; {dll} is missing.");
        }

        BaseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = webDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_URLS"] = BaseUrl,
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Database__DataDirectory"] = DataDirectory,
                ["Demo__Customers"] = "400",
                // The training flow test starts its own run and counts versions from the pipeline's.
                ["Demo__TrainRecommenders"] = "false",
                ["Demo__Products"] = "150",
                // Long enough for every customer score: churn and expected value need two 90-day windows and a month of history.
                ["Demo__Days"] = "240",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the dashboard.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilHealthyAsync(TimeSpan.FromMinutes(2));
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort; the folder is under the temp directory.
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The dashboard exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                var response = await http.GetAsync(new Uri($"{BaseUrl}/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet (migrating and seeding run before Kestrel starts).
            }
            catch (TaskCanceledException)
            {
                // Slow first response; try again.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The dashboard did not become healthy within {timeout}:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Dashboard.sln not found above the test folder.");
    }
}
