using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Infrastructure;

/// <summary>Counts shown to people: "1 module", "2 modules", "0 module" in French. Both forms are keys of the
/// translations; the page's language decides which one a count takes.</summary>
public static class Plurals
{
    /// <summary>The text for <paramref name="count"/>, singular or plural as the current UI language wants it.</summary>
    /// <param name="arguments">The format's arguments; without any, <paramref name="count"/> is <c>{0}</c>.</param>
    public static LocalizedString Plural(this IStringLocalizer t, int count, string one, string other, params object[] arguments) =>
        t[IsOne(count, CultureInfo.CurrentUICulture) ? one : other, arguments.Length == 0 ? [count] : arguments];

    /// <summary>English says "1 module" and "0 modules"; French says "1 module" and "0 module" (CLDR's "one" category).</summary>
    public static bool IsOne(int count, CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "fr" ? count is 0 or 1 : count == 1;
}
