using Academy.Domain.Certificates;

namespace Academy.Web.Data;

/// <summary>A certificate as issued: what it says is copied at issue (holder's name, program title, standards), so that
/// a later rename or content change never alters a certificate someone already holds. Never deleted: revoked instead.</summary>
public sealed class Certificate
{
    public int Id { get; set; }

    /// <summary>Canonical form of <see cref="CertificateCode"/>, without separators.</summary>
    public string Code { get; set; } = "";
    public string HolderId { get; set; } = "";
    public string HolderName { get; set; } = "";
    public string ProgramId { get; set; } = "";
    public string ProgramTitle { get; set; } = "";

    /// <summary>Titles of the standards the program's modules cover, one per line.</summary>
    public string Standards { get; set; } = "";

    /// <summary>Two-letter language the PDF is printed in: the holder's at issue.</summary>
    public string Language { get; set; } = "en";
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>The completion ids behind the certificate (<see cref="CertificateRules.CompletionKey"/>): with
    /// <see cref="Edition"/>, the unique key that makes a second issue for the same completions a no-op.</summary>
    public string CompletionKey { get; set; } = "";

    /// <summary>0 when issued on completion; 1, 2… for each reissue of the same completions (after a change of name).</summary>
    public int Edition { get; set; }

    public int? SupersededById { get; set; }
    public Certificate? SupersededBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedById { get; set; }
    public string? RevokedByName { get; set; }
    public string? RevocationReason { get; set; }

    public IReadOnlyList<string> StandardTitles => Standards.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public CertificateStatus StatusAt(DateTimeOffset now) => CertificateRules.Status(RevokedAt, SupersededById, ExpiresAt, now);

    /// <summary>Records who revoked the certificate, when and why. A revoked certificate stays revoked: the first
    /// revocation is the one on record.</summary>
    public bool Revoke(string reason, string byId, string byName, DateTimeOffset at)
    {
        if (RevokedAt is not null || string.IsNullOrWhiteSpace(reason)) return false;
        (RevokedAt, RevokedById, RevokedByName, RevocationReason) = (at, byId, byName, reason.Trim());
        return true;
    }

    /// <summary>A new certificate for the same completions under the holder's current name and language (after a change
    /// of name); this one becomes superseded by it. The expiry stays that of the completions behind it.</summary>
    public Certificate Reissue(string code, string holderName, string language, int edition, DateTimeOffset now)
    {
        var next = new Certificate
        {
            Code = code, HolderId = HolderId, HolderName = holderName, ProgramId = ProgramId, ProgramTitle = ProgramTitle,
            Standards = Standards, Language = language, IssuedAt = now, ExpiresAt = ExpiresAt, CompletionKey = CompletionKey, Edition = edition,
        };
        SupersededBy = next;
        return next;
    }
}
