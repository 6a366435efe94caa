using System.Globalization;

namespace Dashboard.Core.Security;

/// <summary>What an admin asks for when creating a key; <see cref="Validate"/> says what is wrong with it, in words for the form.</summary>
public sealed record NewApiKey(string Name, IReadOnlyCollection<string> Scopes, int RequestsPerMinute)
{
    public const int MaxNameLength = 100;
    public const int MinRequestsPerMinute = 1;
    public const int MaxRequestsPerMinute = 10_000;
    public const int DefaultRequestsPerMinute = 600;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("Give the key a name that says which client uses it.");
        }
        else if (Name.Trim().Length > MaxNameLength)
        {
            errors.Add($"The name must be at most {MaxNameLength} characters.");
        }

        if (Scopes is null || Scopes.Count == 0)
        {
            errors.Add("Choose at least one scope.");
        }
        else if (Scopes.Where(s => !ApiScopes.IsKnown(s)).ToList() is { Count: > 0 } unknown)
        {
            errors.Add($"Unknown scope(s): {string.Join(", ", unknown)}. Known scopes: {string.Join(", ", ApiScopes.All)}.");
        }

        if (RequestsPerMinute is < MinRequestsPerMinute or > MaxRequestsPerMinute)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Requests per minute must be between {MinRequestsPerMinute} and {MaxRequestsPerMinute:N0}."));
        }

        return errors;
    }
}

/// <summary>A key just created: <see cref="Key"/> is the only time the plaintext exists outside the client.</summary>
public sealed record CreatedApiKey(int Id, string Prefix, string Key);

/// <summary>A key as the admin page lists it; never its hash.</summary>
public sealed record ApiKeySummary(
    int Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    int RequestsPerMinute,
    string? CreatedBy,
    DateTime CreatedAt,
    DateTime? LastUsedAt,
    DateTime? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>A rule about API keys was broken (bad name, unknown scope, no such key); the message is meant for the user.</summary>
public sealed class ApiKeyRuleException : Exception
{
    public ApiKeyRuleException()
    {
    }

    public ApiKeyRuleException(string message)
        : base(message)
    {
    }

    public ApiKeyRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
