using Academy.Domain.Learning;

namespace Academy.Web.Infrastructure;

/// <summary>English text (the key of its translations) for values shown to people.</summary>
public static class UiText
{
    public static string Of(ProgressState state) => state switch
    {
        ProgressState.NotStarted => "Not started",
        ProgressState.InProgress => "In progress",
        ProgressState.Completed => "Completed",
        _ => "Refresher due",
    };
}
