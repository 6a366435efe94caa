namespace Dashboard.Core.Security;

/// <summary>
/// Masks contact details for people who may not see them: enough remains to tell two customers apart on
/// screen, not enough to contact or identify anyone.
/// </summary>
public static class PersonalDataMask
{
    private const char Hidden = '•';

    /// <summary>"jane.doe@example.com" → "j•••@e•••.com".</summary>
    public static string? Email(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return email;
        }

        var at = email.LastIndexOf('@');
        if (at <= 0)
        {
            return $"{email[0]}{Hidden}{Hidden}{Hidden}";
        }

        var domain = email[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        var maskedDomain = dot > 0 ? $"{domain[0]}{Hidden}{Hidden}{Hidden}{domain[dot..]}" : $"{Hidden}{Hidden}{Hidden}";
        return $"{email[0]}{Hidden}{Hidden}{Hidden}@{maskedDomain}";
    }

    /// <summary>"Jane Doe" → "J. D." (initials only).</summary>
    public static string Name(string? firstName, string? lastName)
    {
        var initials = new[] { firstName, lastName }
            .Where(part => !string.IsNullOrWhiteSpace(part))
            .Select(part => $"{char.ToUpperInvariant(part!.Trim()[0])}.");
        return string.Join(' ', initials);
    }

    /// <summary>"+44 20 7946 0958" → "••• 58": the last two digits, as on a bank statement.</summary>
    public static string? Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return phone;
        }

        var digits = phone.Where(char.IsAsciiDigit).ToArray();
        return digits.Length < 4 ? $"{Hidden}{Hidden}{Hidden}" : $"{Hidden}{Hidden}{Hidden} {digits[^2]}{digits[^1]}";
    }
}
