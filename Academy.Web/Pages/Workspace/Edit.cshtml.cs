using Academy.Domain.Content;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Workspace;

/// <summary>The browser editor: a draft of one content file, checked and previewed with the site's own parser.</summary>
public sealed class EditModel(AcademyDbContext db, ContentImporter importer, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Path { get; set; } = "";
    [BindProperty] public string Markdown { get; set; } = "";

    /// <summary>The draft revision the text was loaded from; 0 when there was no draft.</summary>
    [BindProperty] public int Revision { get; set; }

    [TempData] public string? Message { get; set; }

    public ParsedFile Result { get; private set; } = null!;
    public int? PublishedNumber { get; private set; }
    public bool HasDraft { get; private set; }

    /// <summary>Set when another trainer saved the draft after this one was loaded: their text, kept beside ours.</summary>
    public ContentDraft? Conflict { get; private set; }

    /// <summary>The module folder of a module or quiz file, whose images the editor links to.</summary>
    public string? ModuleId => ContentPath.Of(Path)?.Folder;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var draft = await db.ContentDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.Path == Path, cancellationToken);
        var published = await PublishedMarkdownAsync(cancellationToken);
        if (draft is null && published is null) return NotFound();
        (Markdown, Revision, HasDraft) = draft is not null ? (draft.Markdown, draft.Revision, true) : (published!, 0, false);
        return await ShowAsync(cancellationToken);
    }

    /// <summary>Live check as the trainer types: the problems and the preview, as a fragment the page swaps in.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken) =>
        Partial("_Preview", new PreviewView(await importer.CheckAsync(Path, Markdown, cancellationToken), Markdown));

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (!await SaveDraftAsync(cancellationToken)) return await ShowAsync(cancellationToken);
        Message = t["Draft saved. Learners still see the published version."];
        return Redirect(Url.Content($"~/workspace/edit?path={Uri.EscapeDataString(Path)}"));
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        if (!await SaveDraftAsync(cancellationToken)) return await ShowAsync(cancellationToken);
        var (result, number) = await importer.PublishAsync(Path, Markdown, User.Identity!.Name!, cancellationToken);
        if (number is null)
        {
            ModelState.AddModelError("", t["Not published: fix the problems below first. Your text is saved as a draft."]);
            return await ShowAsync(cancellationToken);
        }
        await db.ContentDrafts.Where(d => d.Path == Path).ExecuteDeleteAsync(cancellationToken);
        Message = t["Published as version {0}: learners see it now.", number];
        return Redirect(Url.Content($"~/workspace/edit?path={Uri.EscapeDataString(Path)}"));
    }

    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken cancellationToken)
    {
        await db.ContentDrafts.Where(d => d.Path == Path).ExecuteDeleteAsync(cancellationToken);
        Message = t["Draft discarded."];
        return await PublishedMarkdownAsync(cancellationToken) is null
            ? Redirect("/workspace")
            : Redirect(Url.Content($"~/workspace/edit?path={Uri.EscapeDataString(Path)}"));
    }

    /// <summary>Saves the text as the draft unless someone saved it since it was loaded; then nothing is lost:
    /// the page shows both texts and this one can be saved again over theirs.</summary>
    private async Task<bool> SaveDraftAsync(CancellationToken cancellationToken)
    {
        var draft = await db.ContentDrafts.SingleOrDefaultAsync(d => d.Path == Path, cancellationToken);
        if (draft is null && Revision == 0)
        {
            var published = await db.ContentFiles.Where(f => f.Path == Path).Select(f => f.PublishedNumber).FirstOrDefaultAsync(cancellationToken);
            db.ContentDrafts.Add(draft = new ContentDraft { Path = Path, BaseNumber = published });
        }
        else if (draft is null || draft.Revision != Revision)
        {
            Conflict = draft;
            Revision = draft?.Revision ?? 0;
            ModelState.AddModelError("", draft is null
                ? t["Another trainer published or discarded this draft while you were editing. Your text is kept below; save again to start a new draft with it."]
                : t["{0} saved this draft at {1}, after you opened it. Your text is kept below and theirs is shown beside it; save again to keep yours.", draft.UpdatedBy, draft.UpdatedAt.ToString("t")]);
            return false;
        }
        (draft.Markdown, draft.Revision, draft.UpdatedBy, draft.UpdatedAt) = (Markdown, draft.Revision + 1, User.Identity!.Name!, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueConflict())
        {
            // Saved by someone else between our read and our write.
            db.ChangeTracker.Clear();
            return await SaveDraftAsync(cancellationToken);
        }
    }

    private Task<string?> PublishedMarkdownAsync(CancellationToken cancellationToken) => (
        from f in db.ContentFiles
        join v in db.ContentVersions on new { Id = f.Id, Number = f.PublishedNumber ?? 0 } equals new { Id = v.ContentFileId, v.Number }
        where f.Path == Path
        select v.Markdown).FirstOrDefaultAsync(cancellationToken);

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        Result = await importer.CheckAsync(Path, Markdown, cancellationToken);
        PublishedNumber = await db.ContentFiles.Where(f => f.Path == Path).Select(f => f.PublishedNumber).FirstOrDefaultAsync(cancellationToken);
        HasDraft = await db.ContentDrafts.AnyAsync(d => d.Path == Path, cancellationToken);
        return Page();
    }
}
