namespace Dashboard.Core.Security;

/// <summary>How API keys are checked (configuration section "ApiKeys").</summary>
public sealed class ApiKeyOptions
{
    public const string Section = "ApiKeys";

    /// <summary>
    /// How long a verified key is trusted without reading the database again. A key revoked through this process stops
    /// working at once; a key revoked by another instance (several web servers on one database) works for at most this
    /// long afterwards. Zero checks every request against the database.
    /// </summary>
    public TimeSpan VerificationCacheFor { get; set; } = TimeSpan.FromSeconds(10);
}
