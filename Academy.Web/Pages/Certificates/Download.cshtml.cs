using Academy.Web.Certificates;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Certificates;

/// <summary>A certificate's PDF: its holder may download it, and HR. Anyone else gets 404, so ids reveal nothing.</summary>
public sealed class DownloadModel(AcademyDbContext db, CertificatePdf pdf) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } certificate) return NotFound();
        if (certificate.HolderId != User.EmployeeId() && !User.Allows(Policies.HR)) return NotFound();
        return File(pdf.Render(certificate), "application/pdf", CertificatePdf.FileName(certificate));
    }
}
