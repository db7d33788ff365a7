using Academy.Domain.Certificates;
using Academy.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Verify;

/// <summary>The public facts of a certificate, as printed on it (holder's name, program, dates) and its status today.
/// Nothing else about the holder: no email, no employee number (the holder id is for the JSON's hashed recipient only).</summary>
public sealed record VerifiedCertificate(string Code, string HolderId, string HolderName, string ProgramId, string ProgramTitle, IReadOnlyList<string> Standards,
    DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt, CertificateStatus Status, DateTimeOffset? RevokedAt, string? RevocationReason, string? SupersededByCode)
{
    public static async Task<VerifiedCertificate?> FindAsync(AcademyDbContext db, string code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await db.Certificates.AsNoTracking().Where(c => c.Code == code)
            .Select(c => new { Certificate = c, NewerCode = c.SupersededBy == null ? null : c.SupersededBy.Code })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null) return null;
        var c = row.Certificate;
        return new VerifiedCertificate(c.Code, c.HolderId, c.HolderName, c.ProgramId, c.ProgramTitle, c.StandardTitles, c.IssuedAt, c.ExpiresAt,
            c.StatusAt(now), c.RevokedAt, c.RevocationReason, row.NewerCode);
    }
}

/// <summary>GET /verify/{code}: anyone with a certificate's code or QR code checks it here, without an account.
/// Rate-limited per client address so that codes cannot be enumerated.</summary>
[EnableRateLimiting(RateLimitPolicy)]
public sealed class IndexModel(AcademyDbContext db, TimeProvider clock) : PageModel
{
    public const string RateLimitPolicy = "verify";

    public string Typed { get; private set; } = "";
    public bool WellFormed { get; private set; }
    public VerifiedCertificate? Certificate { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        Typed = code;
        var normalized = CertificateCode.Normalize(code);
        WellFormed = normalized is not null;
        if (normalized is not null) Certificate = await VerifiedCertificate.FindAsync(db, normalized, clock.GetUtcNow(), cancellationToken);
        // Not found is an answer too: a person reads the page, a machine reads the status.
        if (Certificate is null) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
