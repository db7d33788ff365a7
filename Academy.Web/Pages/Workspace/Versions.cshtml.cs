using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Workspace;

public sealed class VersionsModel(AcademyDbContext db) : PageModel
{
    public sealed record Row(int Id, int Number, DateTimeOffset CreatedAt, ContentOrigin Origin, string? Author, string Hash);

    [BindProperty(SupportsGet = true)] public string Path { get; set; } = "";
    public int? PublishedNumber { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var file = await db.ContentFiles.AsNoTracking().Where(f => f.Path == Path).Select(f => new { f.Id, f.PublishedNumber }).SingleOrDefaultAsync(cancellationToken);
        if (file is null) return NotFound();
        PublishedNumber = file.PublishedNumber;
        // A version records its author's user name (the email); people read the name.
        Rows = await (
            from v in db.ContentVersions.AsNoTracking()
            where v.ContentFileId == file.Id
            join u in db.Users on v.Author equals u.UserName into authors
            from u in authors.DefaultIfEmpty()
            orderby v.Number descending
            select new Row(v.Id, v.Number, v.CreatedAt, v.Origin, u != null ? u.FullName : v.Author, v.Hash)).ToListAsync(cancellationToken);
        return Page();
    }
}
