using System.IO.Compression;
using Academy.Web.Certificates;
using Academy.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Certificates.Manage;

/// <summary>HR's list of certificates, filtered by program, department, status or coming expiry, and the same
/// selection as one zip of PDFs. Authorized by the HR policy on the folder (Permissions).</summary>
public sealed class IndexModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, CertificatePdf pdf) : PageModel
{
    [BindProperty(SupportsGet = true)] public CertificateFilter Filter { get; set; } = new();
    [TempData] public string? Message { get; set; }

    public IReadOnlyList<CertificateFilter.Row> Rows { get; private set; } = [];
    public IReadOnlyList<(string Id, string Title)> Programs { get; private set; } = [];
    public IReadOnlyList<string> Departments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Programs = Jobs.CertificateSubject.All(catalog.Current).Select(s => (s.Id, s.Title)).ToList();
        Departments = await db.Users.AsNoTracking().Where(u => u.Department != null).Select(u => u.Department!).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        if (!ModelState.IsValid) return Page();
        Rows = await Filter.RowsAsync(db, clock.GetUtcNow(), cancellationToken);
        return Page();
    }

    /// <summary>Streams the PDFs of the filter's certificates as one zip: one certificate in memory at a time, whatever
    /// the number, and the first bytes leave before the last PDF is drawn.</summary>
    public async Task<IActionResult> OnGetZipAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid) return BadRequest();
        // ZipArchive still writes some headers synchronously, even through its async API; Kestrel refuses that by default.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>() is { } body) body.AllowSynchronousIO = true;
        Response.ContentType = "application/zip";
        Response.Headers.ContentDisposition = "attachment; filename=\"certificates.zip\"";
        var query = Filter.Query(db, clock.GetUtcNow()).OrderBy(c => c.Id);
        await using (var zip = await ZipArchive.CreateAsync(Response.Body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            await foreach (var certificate in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                var bytes = pdf.Render(certificate);
                // PDFs are compressed already; storing them spares the CPU for the next one.
                var entry = zip.CreateEntry(CertificatePdf.FileName(certificate), CompressionLevel.NoCompression);
                entry.LastWriteTime = certificate.IssuedAt;
                await using var stream = await entry.OpenAsync(cancellationToken);
                await stream.WriteAsync(bytes, cancellationToken);
            }
        }
        return new EmptyResult();
    }
}
