using System.ComponentModel.DataAnnotations;
using Academy.Domain.Certificates;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Certificates.Manage;

/// <summary>One certificate for HR: revoke it with a reason, or reissue it under the holder's current name.</summary>
public sealed class DetailsModel(AcademyDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class RevokeInput
    {
        [Required(ErrorMessage = "Give the reason for revoking: it is shown to whoever verifies the certificate.")]
        [StringLength(500, ErrorMessage = "The reason can be at most {1} characters long.")]
        [Display(Name = "Reason")]
        public string? Reason { get; set; }
    }

    [BindProperty] public RevokeInput Input { get; set; } = new();
    [TempData] public string? Message { get; set; }

    public Certificate Certificate { get; private set; } = null!;
    public string? SupersededByCode { get; private set; }
    public string? CurrentName { get; private set; }
    public string? CurrentLanguage { get; private set; }
    public CertificateStatus Status { get; private set; }

    /// <summary>Reissuing is for a certificate that still speaks for its holder and whose name or language changed since.</summary>
    public bool CanReissue => Status is CertificateStatus.Valid or CertificateStatus.Expired
        && (CurrentName != Certificate.HolderName || Language(CurrentLanguage) != Certificate.Language);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (!ModelState.IsValid) return Page();
        if (!Certificate.Revoke(Input.Reason!, User.EmployeeId(), User.Get(AcademyClaims.FullName) ?? "", clock.GetUtcNow()))
        {
            ModelState.AddModelError("", t["This certificate is already revoked."]);
            return Page();
        }
        await db.SaveChangesAsync(cancellationToken);
        Message = t["Certificate {0} is revoked.", CertificateCode.Format(Certificate.Code)];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostReissueAsync(int id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (!CanReissue)
        {
            ModelState.AddModelError("", t["Only a current certificate whose holder's name or language has changed since it was issued can be reissued."]);
            return Page();
        }
        var edition = await db.Certificates.Where(c => c.HolderId == Certificate.HolderId && c.ProgramId == Certificate.ProgramId && c.CompletionKey == Certificate.CompletionKey)
            .MaxAsync(c => c.Edition, cancellationToken) + 1;
        var next = Certificate.Reissue(CertificateCode.NewCode(), CurrentName!, Language(CurrentLanguage), edition, clock.GetUtcNow());
        db.Certificates.Add(next);
        await db.SaveChangesAsync(cancellationToken);
        Message = t["Certificate {0} is reissued as {1}; the old one is superseded.", CertificateCode.Format(Certificate.Code), CertificateCode.Format(next.Code)];
        return RedirectToPage(new { id = next.Id });
    }

    private static string Language(string? preferred) => preferred is "fr" ? "fr" : "en";

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Certificates.Include(c => c.SupersededBy).SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } certificate) return false;
        Certificate = certificate;
        SupersededByCode = certificate.SupersededBy?.Code;
        var holder = await db.Users.AsNoTracking().Where(u => u.Id == certificate.HolderId).Select(u => new { u.FullName, u.PreferredLanguage }).SingleAsync(cancellationToken);
        (CurrentName, CurrentLanguage) = (holder.FullName, holder.PreferredLanguage);
        Status = certificate.StatusAt(clock.GetUtcNow());
        return true;
    }
}
