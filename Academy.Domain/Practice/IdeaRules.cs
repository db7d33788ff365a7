using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Academy.Domain.Practice;

public enum IdeaKind
{
    /// <summary>Something noticed about a customer, shared on the spot.</summary>
    Notice,
    Idea,
}

/// <summary>Where an idea stands: proposed → trying → in practice, or not now (with a reason).</summary>
public enum IdeaStatus
{
    Proposed,
    Trying,
    InPractice,
    NotNow,
}

/// <summary>Why a posted text (an idea or a comment) is refused.</summary>
public enum IdeaTextProblem
{
    Empty,
    TooLong,

    /// <summary>The text holds an email address: customers' personal data has no place on the board.</summary>
    EmailAddress,

    /// <summary>The text holds a phone number.</summary>
    PhoneNumber,
}

/// <summary>Why a decision on an idea is refused.</summary>
public enum IdeaMoveProblem
{
    /// <summary>The decider is neither in the author's manager chain nor HR or an administrator.</summary>
    NotAllowed,

    /// <summary>The idea cannot go from its status to the one asked (it is there already, or in practice, which is final).</summary>
    NotAMove,

    /// <summary>"Not now" needs a reason the author can read.</summary>
    ReasonMissing,
    ReasonTooLong,
}

/// <summary>The rules of the service ideas board: what a post may say, when a post is a double, who decides and
/// which way an idea may move.</summary>
public static partial class IdeaRules
{
    /// <summary>In characters, after trimming.</summary>
    public const int MaxLength = 1000;
    public const int MaxReasonLength = 500;

    /// <summary>The same person posting the same text within this span gets their first post back: a double click or
    /// a resent form, not a second idea.</summary>
    public static readonly TimeSpan DoublePostWindow = TimeSpan.FromMinutes(1);

    /// <summary>Fewer digits than this is a room number, a price or a count, not a phone number, unless it starts as
    /// a dialled number does (<c>+</c>, <c>00</c> or a trunk <c>0</c>).</summary>
    private const int PhoneDigits = 9, DialledPhoneDigits = 8, MaxPhoneDigits = 15;

    /// <summary>The problem with <paramref name="text"/> as a post or a comment, or null when it may be posted.
    /// Emails and phone numbers are refused in any common international writing (spaces, dots, dashes, brackets);
    /// numbers with thousands separators (<c>100 000 000</c>) and dates are not phone numbers.</summary>
    public static IdeaTextProblem? CheckText(string? text)
    {
        var trimmed = Normalise(text);
        if (trimmed.Length == 0) return IdeaTextProblem.Empty;
        if (trimmed.Length > MaxLength) return IdeaTextProblem.TooLong;
        if (Email().IsMatch(trimmed)) return IdeaTextProblem.EmailAddress;
        if (Phone().Matches(trimmed).Any(m => IsPhoneNumber(m.Value))) return IdeaTextProblem.PhoneNumber;
        return null;
    }

    /// <summary>The text as stored and compared: trimmed, with Windows line ends made plain.</summary>
    public static string Normalise(string? text) => (text ?? "").Replace("\r\n", "\n").Trim();

    /// <summary>True when a post of <paramref name="text"/> at <paramref name="now"/> repeats the author's earlier post
    /// <paramref name="earlierText"/> made at <paramref name="earlierAt"/>.</summary>
    public static bool IsDoublePost(string earlierText, DateTimeOffset earlierAt, string text, DateTimeOffset now) =>
        now - earlierAt <= DoublePostWindow && now >= earlierAt
        && string.Equals(Normalise(earlierText), Normalise(text), StringComparison.Ordinal);

    /// <summary>What makes two posts the same for the database's unique keys: the text's fingerprint, and the
    /// <see cref="DoublePostWindow"/>-long slot of the post counted twice, on the minute and shifted by half a minute.
    /// Two posts less than half a window apart share at least one of the two slots (so short a gap crosses at most one
    /// boundary, and the two kinds of boundary alternate), so the second save fails even when both requests passed the
    /// check at the same moment; posts further apart are not simultaneous, and the check sees the first.</summary>
    public static (string TextHash, long Slot, long ShiftedSlot) DoublePostKey(string text, DateTimeOffset at)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(text))));
        var window = DoublePostWindow.TotalSeconds;
        var seconds = (double)at.ToUnixTimeSeconds();
        return (hash, (long)Math.Floor(seconds / window), (long)Math.Floor((seconds + window / 2) / window));
    }

    /// <summary>A manager decides for the people under them at any depth (<paramref name="authorManagers"/> is the
    /// author's manager, that manager's manager, and so on); HR and administrators decide for everyone. Nobody decides
    /// on their own idea through their own chain: an author is not in their own list of managers.</summary>
    public static bool MayDecide(string deciderId, bool isHrOrAdmin, IEnumerable<string> authorManagers) =>
        isHrOrAdmin || authorManagers.Contains(deciderId, StringComparer.Ordinal);

    /// <summary>An endorsement is a colleague's vote for an idea: its author does not endorse it, or the count would
    /// say that someone else backs it.</summary>
    public static bool MayEndorse(string authorId, string endorserId) => !string.Equals(authorId, endorserId, StringComparison.Ordinal);

    /// <summary>The statuses an idea may move to from <paramref name="from"/>. In practice is final: it has been counted
    /// in the indicator for its month. Not now may be reconsidered and tried.</summary>
    public static IReadOnlyList<IdeaStatus> NextStatuses(IdeaStatus from) => from switch
    {
        IdeaStatus.Proposed => [IdeaStatus.Trying, IdeaStatus.InPractice, IdeaStatus.NotNow],
        IdeaStatus.Trying => [IdeaStatus.InPractice, IdeaStatus.NotNow],
        IdeaStatus.NotNow => [IdeaStatus.Trying],
        _ => [],
    };

    /// <summary>The problem with moving an idea from <paramref name="from"/> to <paramref name="to"/>, or null.</summary>
    public static IdeaMoveProblem? CheckMove(IdeaStatus from, IdeaStatus to, string? reason, bool mayDecide)
    {
        if (!mayDecide) return IdeaMoveProblem.NotAllowed;
        if (!NextStatuses(from).Contains(to)) return IdeaMoveProblem.NotAMove;
        if (to != IdeaStatus.NotNow) return null;
        var trimmed = Normalise(reason);
        return trimmed.Length == 0 ? IdeaMoveProblem.ReasonMissing : trimmed.Length > MaxReasonLength ? IdeaMoveProblem.ReasonTooLong : null;
    }

    /// <summary>The first day of each of the last <paramref name="count"/> months, oldest first, the month of
    /// <paramref name="today"/> last.</summary>
    public static IReadOnlyList<DateOnly> LastMonths(DateOnly today, int count)
    {
        var current = new DateOnly(today.Year, today.Month, 1);
        return [.. Enumerable.Range(0, count).Select(i => current.AddMonths(i - count + 1))];
    }

    private static bool IsPhoneNumber(string candidate)
    {
        var digits = candidate.Count(char.IsAsciiDigit);
        if (digits > MaxPhoneDigits) return false;
        var dialled = candidate.StartsWith('+') || candidate.TrimStart('(').StartsWith('0');
        if (digits < (dialled ? DialledPhoneDigits : PhoneDigits)) return false;
        // 100 000 000 or 1.250.000: a quantity written with thousands separators.
        return dialled || !Thousands().IsMatch(candidate);
    }

    // A local part, @, and a domain with a dot: the shape every mail client recognises.
    [GeneratedRegex(@"[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*\.\p{L}{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // Digit groups, some in brackets, joined by at most one space, dot or dash, optionally after a +; not part of a
    // longer word or number. Which runs are phone numbers is decided by IsPhoneNumber.
    [GeneratedRegex(@"(?<![\w+\-./])\+?(?:\(\d{1,5}\)|\d{1,5})(?:[ .\-]?(?:\(\d{1,5}\)|\d{1,5})){1,9}(?![\w])", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    [GeneratedRegex(@"^\d{1,3}(?:[ .,]\d{3})+$", RegexOptions.CultureInvariant)]
    private static partial Regex Thousands();
}
