using Academy.Domain.Practice;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Passport;

/// <summary>A module's passport status in words, with its date when it has one.</summary>
public static class PassportText
{
    public static string Status(PassportStatus status, DateTimeOffset? validUntil, IStringLocalizer t) => status switch
    {
        PassportStatus.Completed when validUntil is { } until => t["Completed, valid until {0}", until.ToString("d MMM yyyy")],
        PassportStatus.Completed => t["Completed"],
        PassportStatus.Expiring => t["Expiring on {0}", validUntil!.Value.ToString("d MMM yyyy")],
        PassportStatus.Expired => t["Expired on {0}", validUntil!.Value.ToString("d MMM yyyy")],
        PassportStatus.InProgress => t["In progress"],
        _ => t["Not started"],
    };
}
