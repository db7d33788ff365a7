using Academy.Domain.Content;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Workspace;

public sealed class IndexModel(AcademyDbContext db, ContentCatalog catalog) : PageModel
{
    public sealed record Problem(int Line, string Message, string Fix);

    /// <param name="Problems">What the last import found wrong in the file on disk; its published version, if any, stays online.</param>
    public sealed record Row(string Path, ContentKind Kind, string Language, string Title, int? Number, DateTimeOffset? PublishedAt,
        ContentOrigin? Origin, string? Author, int? VersionId, int VersionCount, string? DraftBy, DateTimeOffset? DraftAt, IReadOnlyList<Problem> Problems)
    {
        /// <summary>The editor opens a published version or a draft; a file that has only problems has neither yet.</summary>
        public bool CanEdit => Number is not null || DraftBy is not null;
    }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int ProblemCount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Versions and drafts record their author's user name (the email); people read names.
        var files = await (
            from f in db.ContentFiles.AsNoTracking()
            join v in db.PublishedVersions() on f.Id equals v.ContentFileId into published
            from v in published.DefaultIfEmpty()
            join u in db.Users on v.Author equals u.UserName into authors
            from u in authors.DefaultIfEmpty()
            select new { f.Path, f.Kind, f.Language, f.DocumentId, f.PublishedNumber, PublishedAt = (DateTimeOffset?)v.CreatedAt, Origin = (ContentOrigin?)v.Origin,
                Author = u != null ? u.FullName : v.Author, VersionId = (int?)v.Id, Count = f.Versions.Count })
            .ToListAsync(cancellationToken);
        var drafts = await (
            from d in db.ContentDrafts.AsNoTracking()
            join u in db.Users on d.UpdatedBy equals u.UserName into authors
            from u in authors.DefaultIfEmpty()
            select new { d.Path, By = u != null ? u.FullName : d.UpdatedBy, d.UpdatedAt }).ToDictionaryAsync(d => d.Path, cancellationToken);
        var problems = (await db.ContentProblems.AsNoTracking().OrderBy(p => p.Line)
            .Select(p => new { p.Path, p.Line, p.Message, p.Fix }).ToListAsync(cancellationToken))
            .ToLookup(p => p.Path, p => new Problem(p.Line, p.Message, p.Fix));
        var content = catalog.Current;
        var known = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        Rows = files.Select(f => new Row(f.Path, f.Kind, f.Language, TitleOf(content, f.Kind, f.DocumentId, f.Language), f.PublishedNumber, f.PublishedAt, f.Origin, f.Author,
                f.VersionId, f.Count, drafts.GetValueOrDefault(f.Path)?.By, drafts.GetValueOrDefault(f.Path)?.UpdatedAt, problems[f.Path].ToList()))
            .Concat(drafts.Values.Where(d => !known.Contains(d.Path))
                .Select(d => new Row(d.Path, ContentKind.Module, "", "", null, null, null, null, null, 0, d.By, d.UpdatedAt, problems[d.Path].ToList())))
            // The importer keeps a row for every file it reads, but a problem must never hide for want of one.
            .Concat(problems.Where(g => !known.Contains(g.Key) && !drafts.ContainsKey(g.Key))
                .Select(g => new Row(g.Key, ContentKind.Module, "", "", null, null, null, null, null, 0, null, null, g.ToList())))
            .OrderBy(r => r.Path, StringComparer.Ordinal)
            .ToList();
        ProblemCount = Rows.Sum(r => r.Problems.Count);
    }

    private static string TitleOf(PublishedContent content, ContentKind kind, string documentId, string language) => kind switch
    {
        ContentKind.Module => content.Module(documentId)?.In(language).Title ?? "",
        ContentKind.Quiz when documentId.Split('/') is [var module, var quiz] => content.Module(module)?.Quiz(quiz)?.In(language).Document.Title ?? "",
        ContentKind.Program => content.Programs.FirstOrDefault(p => p.Id == documentId)?.Title ?? "",
        _ => "",
    };
}
