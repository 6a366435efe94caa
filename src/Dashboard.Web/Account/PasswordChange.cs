namespace Dashboard.Web.Account;

/// <summary>What the password dialog returns; <see cref="Current"/> is empty when an admin resets someone else's.</summary>
public sealed record PasswordChange(string Current, string New);
