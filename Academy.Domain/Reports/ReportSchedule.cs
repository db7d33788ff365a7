using System.Globalization;
using System.Net.Mail;

namespace Academy.Domain.Reports;

public enum ReportFrequency { Weekly, Monthly }

/// <summary>When a scheduled report is due. A subscription sends once per period (an ISO week, Monday to Sunday, or a
/// calendar month, in UTC): on its day, or at the first run after it when the process was down that day. A period whose
/// day came before the subscription existed is not sent.</summary>
/// <param name="Day">Weekly: the <see cref="DayOfWeek"/> as a number (0 Sunday … 6 Saturday). Monthly: 1 to 31; a day
/// past the month's end means the month's last day.</param>
public sealed record ReportSchedule(ReportFrequency Frequency, int Day)
{
    public bool IsValid => Frequency == ReportFrequency.Weekly ? Day is >= 0 and <= 6 : Day is >= 1 and <= 31;

    /// <summary>The period <paramref name="today"/> falls in, as a key that a send is recorded under (unique per
    /// subscription): <c>2026-W02</c> or <c>2026-01</c>.</summary>
    public string Period(DateOnly today) => Frequency == ReportFrequency.Weekly
        ? $"{ISOWeek.GetYear(today.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(today.ToDateTime(TimeOnly.MinValue)):00}"
        : today.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The day the report is due in the period of <paramref name="today"/>.</summary>
    public DateOnly DueOn(DateOnly today)
    {
        if (Frequency == ReportFrequency.Weekly)
        {
            var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
            return monday.AddDays((Day + 6) % 7);
        }
        return new DateOnly(today.Year, today.Month, Math.Min(Day, DateTime.DaysInMonth(today.Year, today.Month)));
    }

    /// <summary>True when the period of <paramref name="today"/> is due and not sent yet: its day has come, and came no
    /// earlier than <paramref name="createdOn"/>.</summary>
    public bool IsDue(DateOnly today, DateOnly createdOn, bool sentThisPeriod) =>
        !sentThisPeriod && DueOn(today) is var due && due <= today && due >= createdOn;
}

/// <summary>The addresses a scheduled report goes to, as typed on the form: separated by commas, semicolons, spaces or
/// new lines.</summary>
public sealed record RecipientList(IReadOnlyList<string> Addresses, IReadOnlyList<string> Invalid)
{
    public const int MaxAddresses = 20;

    public static RecipientList Parse(string? text)
    {
        var parts = (text ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var valid = new List<string>();
        var invalid = new List<string>();
        foreach (var part in parts)
        {
            if (IsAddress(part))
            {
                if (!valid.Contains(part, StringComparer.OrdinalIgnoreCase)) valid.Add(part);
            }
            else if (!invalid.Contains(part)) invalid.Add(part);
        }
        return new RecipientList(valid, invalid);
    }

    /// <summary>A bare address (no display name) whose domain has a dot: what a mail server will accept to deliver.</summary>
    public static bool IsAddress(string text) =>
        text.Length <= 254 && MailAddress.TryCreate(text, out var address) && address.Address == text && string.IsNullOrEmpty(address.DisplayName)
        && address.Host.Contains('.') && !address.Host.StartsWith('.') && !address.Host.EndsWith('.');
}
