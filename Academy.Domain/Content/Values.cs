using System.Text.RegularExpressions;

namespace Academy.Domain.Content;

public enum ModuleKind { Behavioral, Technical }

public enum ValidityUnit { Days, Months, Years }

/// <summary>A span written the way trainers write it: <c>90 days</c>, <c>6 months</c>, <c>1 year</c>.</summary>
public readonly partial record struct Validity(int Amount, ValidityUnit Unit)
{
    /// <summary>Calendar arithmetic: one month after 31 January is the last day of February.</summary>
    public DateTimeOffset AddTo(DateTimeOffset start) => Unit switch
    {
        ValidityUnit.Days => start.AddDays(Amount),
        ValidityUnit.Months => start.AddMonths(Amount),
        _ => start.AddYears(Amount),
    };

    /// <summary>The same calendar arithmetic backwards: one month before 31 March is the last day of February.</summary>
    public DateTimeOffset SubtractFrom(DateTimeOffset end) => Unit switch
    {
        ValidityUnit.Days => end.AddDays(-Amount),
        ValidityUnit.Months => end.AddMonths(-Amount),
        _ => end.AddYears(-Amount),
    };

    public static bool TryParse(string? text, out Validity validity)
    {
        validity = default;
        var match = Pattern().Match(text?.Trim() ?? "");
        if (!match.Success || !int.TryParse(match.Groups[1].Value, out var amount) || amount <= 0) return false;
        var unit = match.Groups[2].Value.ToLowerInvariant() switch
        {
            "day" or "days" => ValidityUnit.Days,
            "week" or "weeks" => ValidityUnit.Days,
            "month" or "months" => ValidityUnit.Months,
            _ => ValidityUnit.Years,
        };
        if (match.Groups[2].Value.StartsWith("week", StringComparison.OrdinalIgnoreCase)) amount *= 7;
        validity = new Validity(amount, unit);
        return true;
    }

    public override string ToString() => $"{Amount} {Unit.ToString().ToLowerInvariant()}";

    [GeneratedRegex(@"^(\d{1,4})\s+(days?|weeks?|months?|years?)$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}

/// <summary>Who must take a module or program: everyone, or the employees whose department or job role is listed.</summary>
public sealed record Audience(bool Everyone, IReadOnlyList<string> Groups)
{
    public static readonly Audience All = new(true, []);

    /// <summary>Departments and job roles compare without regard to case or surrounding spaces.</summary>
    public bool Includes(string? department, string? jobRole) =>
        Everyone || Groups.Any(g => Same(g, department) || Same(g, jobRole));

    private static bool Same(string group, string? value) =>
        value is not null && string.Equals(group.Trim(), value.Trim(), StringComparison.OrdinalIgnoreCase);

    public override string ToString() => Everyone ? "everyone" : string.Join(", ", Groups);
}
