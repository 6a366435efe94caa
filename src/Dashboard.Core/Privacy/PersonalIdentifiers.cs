using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Dashboard.Core.Customers;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Privacy;

/// <summary>
/// What identifies one customer inside free text: the shop's id, the e-mail, the phone (in any punctuation) and the
/// full name. A mention is a whole token, case-insensitive: the characters around it are not letters or digits, so
/// customer "C12" is not found inside "C123" and an export never picks up someone else's row.
/// </summary>
internal sealed class PersonalIdentifiers
{
    public const string Replacement = "[erased]";

    // Fewer digits than this would match quantities and prices rather than a phone.
    private const int MinPhoneDigits = 7;

    private readonly List<string> _likePatterns = [];
    private readonly Regex _mention;

    public PersonalIdentifiers(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        List<string> patterns = [];
        void Add(string regex, string like)
        {
            patterns.Add(regex);
            _likePatterns.Add($"%{EscapeLike(like)}%");
        }

        Add(Regex.Escape(customer.ExternalId), customer.ExternalId);
        if (!string.IsNullOrWhiteSpace(customer.Email))
        {
            Add(Regex.Escape(customer.Email.Trim()), customer.Email.Trim());
        }

        // "+44 20 7946 0958" and "+44-20-79460958" are the same number to a reader; an extension ("x123") is not part of it.
        var digits = customer.Phone?.TakeWhile(c => !char.IsLetter(c)).Where(char.IsAsciiDigit).Select(d => d.ToString()).ToList() ?? [];
        if (digits.Count >= MinPhoneDigits)
        {
            Add(@"\+?" + string.Join(@"[\s\-./()]*", digits), string.Concat(digits.TakeLast(4)));
        }

        // A first or last name alone is shared by many people; only the two together identify someone. In either
        // order, and as neighbouring fields of a CSV line ("Anna;Lindqvist", "Lindqvist, Anna").
        if (!string.IsNullOrWhiteSpace(customer.FirstName) && !string.IsNullOrWhiteSpace(customer.LastName))
        {
            var first = Regex.Escape(customer.FirstName.Trim());
            var last = Regex.Escape(customer.LastName.Trim());
            const string between = @"[\s,;|""']+";
            Add($"{first}{between}{last}|{last}{between}{first}", customer.LastName.Trim());
        }

        // Longest first, so that a whole phone number is replaced rather than a shorter identifier inside it.
        var alternatives = string.Join("|", patterns.OrderByDescending(p => p.Length));
        _mention = new Regex($@"(?<![\p{{L}}\p{{N}}])(?:{alternatives})(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    public bool AreMentionedIn(string? text) => text is not null && _mention.IsMatch(text);

    public string Redact(string text) => _mention.Replace(text, Replacement);

    /// <summary>
    /// A SQL pre-filter for rows whose text columns may mention the person (LIKE is case-insensitive for ASCII on
    /// SQLite and with SQL Server's default collation). It finds more rows than mention them, e.g. every row with
    /// the last name or the phone's last four digits: callers confirm each row with <see cref="AreMentionedIn"/>.
    /// </summary>
    public Expression<Func<T, bool>> MayBeMentionedIn<T>(params string[] columns)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var functions = Expression.Property(null, typeof(EF), nameof(EF.Functions));
        var like = typeof(DbFunctionsExtensions).GetMethod(
            nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;
        var body = columns
            .Select(c => Expression.Call(typeof(EF), nameof(EF.Property), [typeof(string)], row, Expression.Constant(c)))
            .SelectMany(text => _likePatterns.Select(p =>
                (Expression)Expression.Call(like, functions, text, Expression.Constant(p), Expression.Constant(@"\"))))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    private static string EscapeLike(string value) =>
        value.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);
}
