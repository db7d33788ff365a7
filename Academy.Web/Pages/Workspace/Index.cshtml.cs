using Academy.Domain.Content;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Workspace;

public sealed class IndexModel(AcademyDbContext db, ContentCatalog catalog) : PageModel
{
    public sealed record Row(string Path, ContentKind Kind, string Language, string Title, int? Number, DateTimeOffset? PublishedAt,
        ContentOrigin? Origin, string? Author, int? VersionId, int VersionCount, string? DraftBy, DateTimeOffset? DraftAt);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var files = await (
            from f in db.ContentFiles.AsNoTracking()
            join v in db.ContentVersions on new { Id = f.Id, Number = f.PublishedNumber ?? 0 } equals new { Id = v.ContentFileId, v.Number } into published
            from v in published.DefaultIfEmpty()
            select new { f.Path, f.Kind, f.Language, f.DocumentId, f.PublishedNumber, PublishedAt = (DateTimeOffset?)v.CreatedAt, Origin = (ContentOrigin?)v.Origin, v.Author, VersionId = (int?)v.Id, Count = f.Versions.Count })
            .ToListAsync(cancellationToken);
        var drafts = await db.ContentDrafts.AsNoTracking().Select(d => new { d.Path, d.UpdatedBy, d.UpdatedAt }).ToDictionaryAsync(d => d.Path, cancellationToken);
        var content = catalog.Current;
        Rows = files.Select(f => new Row(f.Path, f.Kind, f.Language, TitleOf(content, f.Kind, f.DocumentId, f.Language), f.PublishedNumber, f.PublishedAt, f.Origin, f.Author,
                f.VersionId, f.Count, drafts.GetValueOrDefault(f.Path)?.UpdatedBy, drafts.GetValueOrDefault(f.Path)?.UpdatedAt))
            .Concat(drafts.Values.Where(d => files.All(f => f.Path != d.Path))
                .Select(d => new Row(d.Path, ContentKind.Module, "", "", null, null, null, null, null, 0, d.UpdatedBy, d.UpdatedAt)))
            .OrderBy(r => r.Path, StringComparer.Ordinal)
            .ToList();
    }

    private static string TitleOf(PublishedContent content, ContentKind kind, string documentId, string language) => kind switch
    {
        ContentKind.Module => content.Module(documentId)?.In(language).Title ?? "",
        ContentKind.Quiz when documentId.Split('/') is [var module, var quiz] => content.Module(module)?.Quiz(quiz)?.In(language).Document.Title ?? "",
        ContentKind.Program => content.Programs.FirstOrDefault(p => p.Id == documentId)?.Title ?? "",
        _ => "",
    };
}
