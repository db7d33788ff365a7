using System.Text;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Workspace;

/// <summary>One version of a file: read it, download it, or publish it again as the newest version (revert).</summary>
public sealed class VersionModel(AcademyDbContext db, ContentImporter importer, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record Details(int Id, string Path, int Number, DateTimeOffset CreatedAt, ContentOrigin Origin, string? Author, string Markdown, int? PublishedNumber);

    public Details Version { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) is { } version ? Show(version) : NotFound();

    public async Task<IActionResult> OnGetDownloadAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is not { } version) return NotFound();
        var name = $"{System.IO.Path.GetFileNameWithoutExtension(version.Path.Replace('/', '_'))}.v{version.Number}.md";
        return File(Encoding.UTF8.GetBytes(version.Markdown), "text/markdown; charset=utf-8", name);
    }

    public async Task<IActionResult> OnPostRevertAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is not { } version) return NotFound();
        var (result, number) = await importer.PublishAsync(version.Path, version.Markdown, User.Identity!.Name!, cancellationToken);
        if (number is null)
        {
            ModelState.AddModelError("", t["This version no longer passes today's checks ({0}), so it was not published again.", string.Join(" ", result.Errors.Select(e => e.ToString()))]);
            return Show(version);
        }
        TempData["Message"] = (string)t["Version {0} is published again as version {1}.", version.Number, number];
        return RedirectToPage("/Workspace/Edit", new { path = version.Path });
    }

    private IActionResult Show(Details version)
    {
        Version = version;
        return Page();
    }

    /// <remarks><see cref="Details.Author"/> is the author's name, looked up from the user name the version records.</remarks>
    private Task<Details?> LoadAsync(int id, CancellationToken cancellationToken) => (
        from v in db.ContentVersions.AsNoTracking()
        where v.Id == id
        join u in db.Users on v.Author equals u.UserName into authors
        from u in authors.DefaultIfEmpty()
        select new Details(v.Id, v.ContentFile!.Path, v.Number, v.CreatedAt, v.Origin, u != null ? u.FullName : v.Author, v.Markdown, v.ContentFile.PublishedNumber))
        .SingleOrDefaultAsync(cancellationToken);
}
