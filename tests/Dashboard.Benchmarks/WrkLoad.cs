using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Dashboard.Benchmarks;

/// <summary>What one wrk run measured: throughput, latency percentiles in milliseconds, and the requests that failed.</summary>
public sealed record WrkResult(
    long Requests, double Seconds, double RequestsPerSecond, double P50Ms, double P90Ms, double P99Ms, double MaxMs, long Non2xx, long SocketErrors, long Timeouts);

/// <summary>
/// Drives <c>wrk</c> (a closed-loop HTTP load tool: each connection sends its next request when the answer to the last
/// one arrives) with a Lua script that picks, for every request, a random path value from a file and a random API key
/// from another, so that no single customer's or product's answer can be served warm over and over. The script's
/// <c>done()</c> prints one JSON line that is parsed here.
/// </summary>
public static class WrkLoad
{
    public const string Tool = "wrk";

    private const string ResultMarker = "SERVING-RESULT ";

    /// <summary>
    /// The script: <c>init</c> reads the path template, the values and the keys (its arguments); <c>request</c> formats
    /// a GET; <c>done</c> reports. Latencies come to Lua in microseconds.
    /// </summary>
    private const string Script = """
        -- Written by tests/Dashboard.Benchmarks (serving mode). Arguments: path template with one %s, values file, keys file.
        local template, values, keys = nil, {}, {}

        function init(args)
          template = args[1]
          for line in io.lines(args[2]) do values[#values + 1] = line end
          for line in io.lines(args[3]) do keys[#keys + 1] = line end
          -- Each wrk thread has its own Lua state: seed each differently (a table's address differs per state).
          math.randomseed(os.time() + tonumber(string.match(tostring({}), "0x(%x+)") or "0", 16) % 1000003)
        end

        function request()
          local path = string.format(template, values[math.random(#values)])
          return wrk.format("GET", path, { ["X-Api-Key"] = keys[math.random(#keys)], ["Accept"] = "application/json" })
        end

        function done(summary, latency, requests)
          local e = summary.errors
          io.write(string.format(
            "SERVING-RESULT {\"requests\":%d,\"durationUs\":%d,\"p50Us\":%d,\"p90Us\":%d,\"p99Us\":%d,\"maxUs\":%d,\"non2xx\":%d,\"connect\":%d,\"read\":%d,\"write\":%d,\"timeout\":%d}\n",
            summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
            e.status, e.connect, e.read, e.write, e.timeout))
        end
        """;

    /// <summary>The full path of wrk on the PATH, or null when it is not installed.</summary>
    public static string? Find()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, Tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Writes the Lua script into <paramref name="folder"/> and returns its path.</summary>
    public static string WriteScript(string folder)
    {
        var path = Path.Combine(folder, "serving.lua");
        File.WriteAllText(path, Script);
        return path;
    }

    /// <summary>
    /// Runs <c>wrk -t threads -c connections -d seconds</c> against <paramref name="baseUrl"/>; <paramref name="pathTemplate"/>
    /// has one <c>%s</c> that each request fills with a line of <paramref name="valuesFile"/> (already URL-escaped).
    /// </summary>
    public static async Task<WrkResult> RunAsync(
        string wrk, string script, string baseUrl, string pathTemplate, string valuesFile, string keysFile,
        int threads, int connections, int seconds, CancellationToken ct)
    {
        var start = new ProcessStartInfo(wrk)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-t", threads.ToString(CultureInfo.InvariantCulture),
            "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", string.Create(CultureInfo.InvariantCulture, $"{seconds}s"),
            "--timeout", "5s",
            "-s", script,
            baseUrl,
            "--", pathTemplate, valuesFile, keysFile,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var text = await output;
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(ResultMarker, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"wrk failed (exit code {process.ExitCode}): {text.Trim()} {(await error).Trim()}");
        }

        using var json = JsonDocument.Parse(line[ResultMarker.Length..]);
        var r = json.RootElement;
        long Get(string name) => r.GetProperty(name).GetInt64();
        var requests = Get("requests");
        var duration = Get("durationUs") / 1e6;
        return new WrkResult(
            requests, duration, requests / duration,
            Get("p50Us") / 1000.0, Get("p90Us") / 1000.0, Get("p99Us") / 1000.0, Get("maxUs") / 1000.0,
            Get("non2xx"), Get("connect") + Get("read") + Get("write"), Get("timeout"));
    }
}
