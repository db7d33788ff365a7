using System.Globalization;
using Academy.Domain.Assignments;
using Academy.Domain.Content;
using Academy.Web.Data;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Jobs;

/// <summary>A title from the trainers' content and the language it is written in.</summary>
public readonly record struct ContentTitle(string Text, string Language)
{
    /// <summary>A standard's title in <paramref name="language"/>, or in English when it is not translated.</summary>
    public static ContentTitle Of(Standard standard, string language) => new(standard.TitleIn(language), standard.LanguageIn(language));
}

/// <summary>What a notice says, in the current UI culture: shared by the notification list and the daily digest.</summary>
public static class NoticeText
{
    public static string Title(PublishedContent content, ItemKind kind, string id, string language) => TitleIn(content, kind, id, language).Text;

    /// <summary>The item's title in <paramref name="language"/> when it is translated, else in the language it is
    /// written in, which a page puts in a <c>lang</c> attribute.</summary>
    public static ContentTitle TitleIn(PublishedContent content, ItemKind kind, string id, string language)
    {
        if (kind == ItemKind.Program) return new(content.Programs.FirstOrDefault(p => p.Id == id)?.Title ?? id, ContentParser.DefaultLanguage);
        return content.Module(id)?.In(language) is { } module ? new(module.Title, module.Language) : new(id, ContentParser.DefaultLanguage);
    }

    public static string Date(DateOnly? date) => date?.ToString("d MMMM yyyy", CultureInfo.CurrentUICulture) ?? "";

    /// <param name="about">For a manager's copy: the team member's name.</param>
    public static string Of(NoticeKind kind, string title, DateOnly? due, string? about, IStringLocalizer t) => kind switch
    {
        NoticeKind.DueInAWeek => t["“{0}” is due on {1}.", title, Date(due)],
        NoticeKind.DueTomorrow => t["“{0}” is due tomorrow, {1}.", title, Date(due)],
        NoticeKind.DueToday => t["“{0}” is due today.", title],
        NoticeKind.Overdue => t["“{0}” was due on {1} and is overdue.", title, Date(due)],
        NoticeKind.TeamOverdue => t["{0} is overdue on “{1}”, due on {2}.", about ?? "", title, Date(due)],
        NoticeKind.RefresherOpen => t["Refresher: take “{0}” again before {1}.", title, Date(due)],
        NoticeKind.ExpiresInAWeek => t["Your completion of “{0}” expires on {1}.", title, Date(due)],
        NoticeKind.Expired => t["Your completion of “{0}” has expired: take the refresher.", title],
        NoticeKind.CertificateExpiresInAWeek => t["Your certificate “{0}” expires on {1}.", title, Date(due)],
        _ => t["A reminder to complete “{0}”, due on {1}.", title, Date(due)],
    };

    /// <summary>Where a notice leads: the item, for a manager's copy the team page, for a certificate My certificates.</summary>
    public static string Path(Notification notice) => notice.Kind == NoticeKind.TeamOverdue ? "/team"
        : notice.Kind == NoticeKind.CertificateExpiresInAWeek ? "/certificates"
        : notice.ItemKind == ItemKind.Program ? $"/programs/{notice.ItemId}" : $"/modules/{notice.ItemId}";
}
