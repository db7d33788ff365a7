using Academy.Domain.Content;

namespace Academy.Domain.Assignments;

public enum CompletionStatus { Valid, WindowOpen, Expired }

/// <summary>Certification windows: a completion is valid until it expires; the refresher window opens a period
/// before that (the module's <c>refresher-window</c>, 30 days by default), when the refresher is assigned.</summary>
public static class Refresher
{
    public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(7);

    public static DateTimeOffset WindowOpensAt(DateTimeOffset expiresAt, Validity? window) =>
        (window ?? ModuleDocument.DefaultRefresherWindow).SubtractFrom(expiresAt);

    public static CompletionStatus StatusAt(DateTimeOffset? expiresAt, Validity? window, DateTimeOffset now) =>
        expiresAt is not { } expiry ? CompletionStatus.Valid
        : now >= expiry ? CompletionStatus.Expired
        : now >= WindowOpensAt(expiry, window) ? CompletionStatus.WindowOpen
        : CompletionStatus.Valid;

    /// <summary>The week before expiry, when a second reminder goes out.</summary>
    public static bool ExpiresWithinAWeek(DateTimeOffset expiresAt, DateTimeOffset now) => now < expiresAt && now >= expiresAt - ExpiryWarning;
}
