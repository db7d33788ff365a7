using Academy.Domain.Content;
using Academy.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Admin;

/// <summary>The problems of the last import, for the trainers who fix them and the administrators who run the site
/// (authorized by its own convention, not the Admin folder's).</summary>
public sealed class ContentHealthModel(AcademyDbContext db) : PageModel
{
    public sealed record ProblemRow(string Path, int Line, string Message, string Fix, int? PublishedNumber);
    public sealed record FileRow(string Path, ContentKind Kind, int? Number, DateTimeOffset? PublishedAt);

    public IReadOnlyList<ProblemRow> Problems { get; private set; } = [];
    public IReadOnlyList<FileRow> Files { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Problems = await (
            from p in db.ContentProblems.AsNoTracking()
            join f in db.ContentFiles on p.Path equals f.Path into files
            from f in files.DefaultIfEmpty()
            orderby p.Path, p.Line
            select new ProblemRow(p.Path, p.Line, p.Message, p.Fix, f == null ? null : f.PublishedNumber)).ToListAsync(cancellationToken);
        Files = await (
            from f in db.ContentFiles.AsNoTracking()
            join v in db.PublishedVersions() on f.Id equals v.ContentFileId into versions
            from v in versions.DefaultIfEmpty()
            orderby f.Path
            select new FileRow(f.Path, f.Kind, f.PublishedNumber, v == null ? null : v.CreatedAt)).ToListAsync(cancellationToken);
    }
}
