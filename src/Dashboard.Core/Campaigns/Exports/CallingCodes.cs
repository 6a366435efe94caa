namespace Dashboard.Core.Campaigns.Exports;

/// <summary>
/// International calling codes by the country names the shop stores (English names, as in the UCI Online Retail data,
/// including its "EIRE", "USA", "RSA" and "Channel Islands"). A country missing here only means national phone numbers
/// of its customers cannot be matched; international ones still can.
/// </summary>
internal static class CallingCodes
{
    private static readonly Dictionary<string, string> Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Australia"] = "61", ["Austria"] = "43", ["Bahrain"] = "973", ["Belgium"] = "32", ["Brazil"] = "55",
        ["Canada"] = "1", ["Channel Islands"] = "44", ["Cyprus"] = "357", ["Czech Republic"] = "420", ["Denmark"] = "45",
        ["EIRE"] = "353", ["Ireland"] = "353", ["Finland"] = "358", ["France"] = "33", ["Germany"] = "49", ["Greece"] = "30",
        ["Iceland"] = "354", ["Israel"] = "972", ["Italy"] = "39", ["Japan"] = "81", ["Lebanon"] = "961", ["Lithuania"] = "370",
        ["Malta"] = "356", ["Netherlands"] = "31", ["Norway"] = "47", ["Poland"] = "48", ["Portugal"] = "351",
        ["RSA"] = "27", ["South Africa"] = "27", ["Saudi Arabia"] = "966", ["Singapore"] = "65", ["Spain"] = "34",
        ["Sweden"] = "46", ["Switzerland"] = "41", ["USA"] = "1", ["United States"] = "1", ["United Arab Emirates"] = "971",
        ["United Kingdom"] = "44",
    };

    public static string? For(string? country) => country is not null && Codes.TryGetValue(country.Trim(), out var code) ? code : null;
}
