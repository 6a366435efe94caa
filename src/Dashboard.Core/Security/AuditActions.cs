namespace Dashboard.Core.Security;

/// <summary>The audited actions. Details never hold personal data: entries outlive erasures.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string ProfileViewed = "profile-viewed";
    public const string CustomerExported = "customer-exported";
    public const string CustomerErased = "customer-erased";
    public const string ContactListExported = "contact-list-exported";
    /// <summary>An uploaded file was imported (recorded when the run ends, with its outcome).</summary>
    public const string FileImported = "file-imported";
    public const string ImportRowsExported = "import-rows-exported";
    public const string UserCreated = "user-created";
    public const string RolesChanged = "roles-changed";
    public const string UserLocked = "user-locked";
    public const string PasswordReset = "password-reset";
    public const string PasswordChanged = "password-changed";
    public const string ApiKeyCreated = "api-key-created";
    public const string ApiKeyRevoked = "api-key-revoked";
    public const string RecommenderPromoted = "recommender-promoted";
    public const string RecommenderRolledBack = "recommender-rolled-back";
    public const string RecommenderScheduleChanged = "recommender-schedule-changed";
}

/// <summary>The kinds of thing an audit entry can point at.</summary>
public static class AuditEntities
{
    public const string Customer = "customer";
    public const string Campaign = "campaign";
    public const string User = "user";
    public const string ApiKey = "api-key";
    public const string ImportRun = "import-run";
    public const string ModelVersion = "model-version";
    public const string Setting = "setting";
}
