using Academy.Domain.Content;
using Academy.Domain.Learning;
using Academy.Domain.Quizzes;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Infrastructure;

/// <summary>English text (the key of its translations) for values shown to people.</summary>
public static class UiText
{
    public static string Of(ProgressState state) => state switch
    {
        ProgressState.NotStarted => "Not started",
        ProgressState.InProgress => "In progress",
        ProgressState.Completed => "Completed",
        _ => "Expired: refresher due",
    };

    /// <summary>What a choice's mark says of it, on the learner's review and the trainer's statistics alike.</summary>
    public static string Verdict(ChoiceMark mark, IStringLocalizer t) => mark.Kind switch
    {
        MarkKind.Weighted => mark.Weight switch { 3 => t["Best choice"], 2 => t["Good choice"], 1 => t["Weak choice"], _ => t["Harmful choice"] },
        MarkKind.Right => t["Right answer"],
        _ => t["Wrong answer"],
    };

    /// <summary>A period such as a program's deadline: "1 day", "30 days", "6 months".</summary>
    public static string Duration(Validity period, IStringLocalizer t) => period.Unit switch
    {
        ValidityUnit.Days => t.Plural(period.Amount, "{0} day", "{0} days"),
        ValidityUnit.Months => t.Plural(period.Amount, "{0} month", "{0} months"),
        _ => t.Plural(period.Amount, "{0} year", "{0} years"),
    };
}
