namespace Academy.Domain.Certificates;

public enum CertificateStatus { Valid, Expired, Superseded, Revoked }

/// <summary>A module completion that counts toward a program's certificate.</summary>
public readonly record struct CompletionBehind(int CompletionId, string ModuleId, DateTimeOffset CompletedAt, DateTimeOffset? ExpiresAt);

/// <summary>When a certificate is due, until when it holds, and what it says today.</summary>
public static class CertificateRules
{
    /// <summary>Revoked wins over everything, then superseded (a newer certificate speaks for the holder), then expiry.</summary>
    public static CertificateStatus Status(DateTimeOffset? revokedAt, int? supersededById, DateTimeOffset? expiresAt, DateTimeOffset now) =>
        revokedAt is not null ? CertificateStatus.Revoked
        : supersededById is not null ? CertificateStatus.Superseded
        : expiresAt is { } until && until <= now ? CertificateStatus.Expired
        : CertificateStatus.Valid;

    /// <summary>A certificate holds as long as the shortest-lived completion behind it; null when none expires.</summary>
    public static DateTimeOffset? ExpiresAt(IEnumerable<CompletionBehind> completions) =>
        completions.Where(c => c.ExpiresAt is not null).Select(c => c.ExpiresAt).Min();

    /// <summary>The completions a certificate for the program would rest on: the latest completion of each module,
    /// provided every module has one that is still current at <paramref name="now"/>; otherwise null (not due).</summary>
    /// <param name="latest">The latest completion of each module the employee completed (any program).</param>
    public static IReadOnlyList<CompletionBehind>? Behind(IReadOnlyList<string> programModuleIds, IReadOnlyDictionary<string, CompletionBehind> latest, DateTimeOffset now)
    {
        if (programModuleIds.Count == 0) return null;
        var behind = new List<CompletionBehind>(programModuleIds.Count);
        foreach (var moduleId in programModuleIds)
        {
            if (!latest.TryGetValue(moduleId, out var completion) || completion.ExpiresAt <= now) return null;
            behind.Add(completion);
        }
        return behind;
    }

    /// <summary>Names one set of completions, whatever their order: the unique key that makes issuing twice for the same
    /// completions a no-op, while a recertification (a newer completion of any module) makes a new key.</summary>
    public static string CompletionKey(IEnumerable<CompletionBehind> completions) =>
        string.Join(',', completions.Select(c => c.CompletionId).Distinct().Order());

    /// <summary>The date the certificate is issued for: when its last module was completed, so that a re-run job prints
    /// the same date and the PDF the same bytes.</summary>
    public static DateTimeOffset IssuedAt(IEnumerable<CompletionBehind> completions) => completions.Max(c => c.CompletedAt);
}
