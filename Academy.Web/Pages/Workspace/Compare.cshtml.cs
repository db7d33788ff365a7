using Academy.Web.Data;
using Academy.Web.Infrastructure;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Workspace;

/// <summary>A line-by-line comparison of two versions of the same file.</summary>
public sealed class CompareModel(AcademyDbContext db) : PageModel
{
    public sealed record Side(int Id, int FileId, string Path, int Number, string Markdown);

    public Side From { get; private set; } = null!;
    public Side To { get; private set; } = null!;
    public DiffPaneModel Diff { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int from, int to, CancellationToken cancellationToken)
    {
        var sides = await db.ContentVersions.AsNoTracking().Where(v => v.Id == from || v.Id == to)
            .Select(v => new Side(v.Id, v.ContentFileId, v.ContentFile!.Path, v.Number, v.Markdown)).ToListAsync(cancellationToken);
        if (sides.FirstOrDefault(s => s.Id == from) is not { } older || sides.FirstOrDefault(s => s.Id == to) is not { } newer || older.FileId != newer.FileId)
            return NotFound();
        (From, To) = (older, newer);
        Diff = InlineDiffBuilder.Diff(older.Markdown, newer.Markdown, ignoreWhiteSpace: false);
        return Page();
    }
}
