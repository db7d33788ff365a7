using Academy.Domain.Certificates;
using Academy.Web.Certificates;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Certificates;

/// <summary>My certificates: the signed-in employee's certificates, newest first, with their PDF and verification link.</summary>
public sealed class IndexModel(AcademyDbContext db, TimeProvider clock, CertificatePdf pdf) : PageModel
{
    public sealed record Row(int Id, string Code, string ProgramTitle, DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt, CertificateStatus Status, string VerificationUrl);

    public IReadOnlyList<Row> Certificates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var employeeId = User.EmployeeId();
        var now = clock.GetUtcNow();
        var rows = await db.Certificates.AsNoTracking().Where(c => c.HolderId == employeeId)
            .Select(c => new { c.Id, c.Code, c.ProgramTitle, c.IssuedAt, c.ExpiresAt, c.RevokedAt, c.SupersededById })
            .ToListAsync(cancellationToken);
        Certificates = rows.OrderByDescending(c => c.IssuedAt).ThenByDescending(c => c.Id)
            .Select(c => new Row(c.Id, c.Code, c.ProgramTitle, c.IssuedAt, c.ExpiresAt, CertificateRules.Status(c.RevokedAt, c.SupersededById, c.ExpiresAt, now), pdf.VerificationUrl(c.Code)))
            .ToList();
    }
}
