using Academy.Domain.Practice;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Ideas;

/// <summary>The board's words for statuses, kinds and refusals, shared by the list and an idea's page.</summary>
public static class IdeaText
{
    public static string Status(IdeaStatus status, IStringLocalizer t) => status switch
    {
        IdeaStatus.Trying => t["Trying"],
        IdeaStatus.InPractice => t["In practice"],
        IdeaStatus.NotNow => t["Not now"],
        _ => t["Proposed"],
    };

    public static string Kind(IdeaKind kind, IStringLocalizer t) => kind == IdeaKind.Notice ? t["Noticed"] : t["Idea"];

    /// <summary>The verb on a decision button: what the idea becomes.</summary>
    public static string Action(IdeaStatus to, IStringLocalizer t) => to switch
    {
        IdeaStatus.Trying => t["Try it"],
        IdeaStatus.InPractice => t["Mark in practice"],
        _ => t["Not now"],
    };

    public static string Problem(IdeaTextProblem problem, IStringLocalizer t) => problem switch
    {
        IdeaTextProblem.Empty => t["Write what you noticed or your idea."],
        IdeaTextProblem.TooLong => t["Keep it to {0:N0} characters at most: shorten the text.", IdeaRules.MaxLength],
        IdeaTextProblem.EmailAddress => t["Remove the email address: no customer's personal data on the board. Describe the customer instead (e.g. “a guest in a wheelchair”)."],
        _ => t["Remove the phone number: no customer's personal data on the board. Describe the customer instead (e.g. “a guest in a wheelchair”)."],
    };

    /// <summary>The same for a comment, whose empty box asks for a comment rather than an idea.</summary>
    public static string CommentProblem(IdeaTextProblem problem, IStringLocalizer t) =>
        problem == IdeaTextProblem.Empty ? t["Write your comment."] : Problem(problem, t);

    public static string Problem(IdeaMoveProblem problem, IStringLocalizer t) => problem switch
    {
        IdeaMoveProblem.ReasonMissing => t["Say why not now: the author reads it."],
        IdeaMoveProblem.ReasonTooLong => t["Keep the reason under {0} characters.", IdeaRules.MaxReasonLength],
        IdeaMoveProblem.NotAMove => t["This idea cannot move there from where it is now."],
        _ => t["Only a manager of the author's team, HR or an administrator decides on this idea."],
    };
}
