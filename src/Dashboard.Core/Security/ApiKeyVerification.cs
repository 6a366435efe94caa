namespace Dashboard.Core.Security;

/// <summary>Why a presented key was not accepted.</summary>
public enum ApiKeyFailure
{
    /// <summary>No key was presented.</summary>
    Missing = 1,

    /// <summary>The text cannot be one of our keys (wrong shape or characters).</summary>
    Malformed = 2,

    /// <summary>No key with this prefix, or the secret does not match (the two are not told apart).</summary>
    Unknown = 3,

    /// <summary>The key was right, but an admin revoked it.</summary>
    Revoked = 4,
}

/// <summary>The key's identity and rights, as the API needs them on each request.</summary>
public sealed record VerifiedApiKey(int Id, string Name, IReadOnlyList<string> Scopes, int RequestsPerMinute);

/// <summary>Either the verified key or the reason it was refused.</summary>
public sealed record ApiKeyVerification(VerifiedApiKey? Key, ApiKeyFailure? Failure)
{
    public bool Succeeded => Key is not null;

    public static ApiKeyVerification Success(VerifiedApiKey key) => new(key, null);

    public static ApiKeyVerification Fail(ApiKeyFailure failure) => new(null, failure);
}
