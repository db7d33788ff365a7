using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Workspace;

/// <summary>Images of a module, uploaded in the browser and stored with it.</summary>
public sealed class MediaModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record Item(string FileName, string ContentType, int Size, string UploadedBy, DateTimeOffset UploadedAt);

    [TempData] public string? Message { get; set; }
    public string ModuleId { get; private set; } = "";
    public IReadOnlyList<Item> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string moduleId, CancellationToken cancellationToken)
    {
        if (catalog.Current.Module(moduleId) is null) return NotFound();
        ModuleId = moduleId;
        Items = await db.ContentMedia.AsNoTracking().Where(m => m.ModuleId == moduleId).OrderBy(m => m.FileName)
            .Select(m => new Item(m.FileName, m.ContentType, m.Bytes.Length, m.UploadedBy, m.UploadedAt)).ToListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string moduleId, IFormFile? image, CancellationToken cancellationToken)
    {
        if (catalog.Current.Module(moduleId) is null) return NotFound();
        var check = MediaFiles.Check(image);
        if (check is not null)
        {
            ModelState.AddModelError("", t[check]);
            return await OnGetAsync(moduleId, cancellationToken);
        }
        using var buffer = new MemoryStream();
        await image!.CopyToAsync(buffer, cancellationToken);
        var name = MediaFiles.SafeName(image.FileName, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        var media = await db.ContentMedia.SingleOrDefaultAsync(m => m.ModuleId == moduleId && m.FileName == name, cancellationToken);
        if (media is null) db.ContentMedia.Add(media = new ContentMedia { ModuleId = moduleId, FileName = name });
        (media.ContentType, media.Bytes, media.UploadedBy, media.UploadedAt) = (MediaFiles.TypeOf(name)!, buffer.ToArray(), User.Identity!.Name!, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        Message = t["Uploaded. In the module, write: ![description](media/{0})", name];
        return RedirectToPage("/Workspace/Media", new { moduleId });
    }
}
