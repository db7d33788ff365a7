using System.ComponentModel.DataAnnotations;
using Academy.Domain.Content;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Workspace;

/// <summary>The browser editor: a draft of one content file, checked and previewed with the site's own parser.</summary>
public sealed class EditModel(AcademyDbContext db, ContentImporter importer, ContentCatalog catalog, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    // An empty field stays "" rather than null: an empty text is a draft like any other, an empty path is refused.
    [BindProperty(SupportsGet = true), DisplayFormat(ConvertEmptyStringToNull = false)] public string Path { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Markdown { get; set; } = "";

    /// <summary>The draft revision the text was loaded from, moved on by this page's own saves; 0 when there was no draft.</summary>
    [BindProperty] public int Revision { get; set; }

    [TempData] public string? Message { get; set; }

    public PreviewView Preview { get; private set; } = null!;
    public int? PublishedNumber { get; private set; }
    public bool HasDraft { get; private set; }

    /// <summary>Set when the draft was saved elsewhere after this one was loaded: that text, kept beside ours.</summary>
    public ContentDraft? Conflict { get; private set; }

    /// <summary>The name of whoever saved <see cref="Conflict"/>.</summary>
    public string? ConflictBy { get; private set; }

    /// <summary>The module folder of a module or quiz file, whose images the editor links to.</summary>
    public string? ModuleId => ContentPath.Of(Path)?.Folder;

    /// <summary>The program's id when the file is a program, whose page the editor links to once published.</summary>
    public string? ProgramId => ContentPath.Of(Path) is { Kind: ContentKind.Program } program ? program.Id : null;

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
        Partial("_Preview", await PreviewAsync(await importer.CheckAsync(Path, Markdown, cancellationToken), cancellationToken));

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (PathProblem() is { } problem) return await RefuseAsync(problem, cancellationToken);
        if (!await SaveDraftAsync(null, cancellationToken)) return await ShowAsync(cancellationToken);
        Message = t["Draft saved. Learners still see the published version."];
        return RedirectToPage(new { path = Path });
    }

    /// <summary>Publishes the text, or keeps it as the draft when it has errors. Either way one commit: the new
    /// version and the removal of the draft it came from go together, or neither does.</summary>
    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        if (PathProblem() is { } problem) return await RefuseAsync(problem, cancellationToken);
        var result = await importer.CheckAsync(Path, Markdown, cancellationToken);
        if (!result.Ok)
        {
            if (!await SaveDraftAsync(null, cancellationToken)) return await ShowAsync(cancellationToken, result);
            return await RefuseAsync(t["Not published: fix the problems below first. Your text is saved as a draft."], cancellationToken, result);
        }
        if (!await SaveDraftAsync(result, cancellationToken)) return await ShowAsync(cancellationToken, result);
        Message = t["Published as version {0}: learners see it now.", PublishedNumber!];
        return RedirectToPage(new { path = Path });
    }

    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken cancellationToken)
    {
        await db.ContentDrafts.Where(d => d.Path == Path).ExecuteDeleteAsync(cancellationToken);
        Message = t["Draft discarded."];
        return await PublishedMarkdownAsync(cancellationToken) is null ? RedirectToPage("/Workspace/Index") : RedirectToPage(new { path = Path });
    }

    /// <summary>Saves the text as the draft, or publishes it in the draft's place when <paramref name="publish"/> is
    /// given, unless the draft was saved or removed since this page's revision; then nothing is lost: the page shows
    /// both texts and this one can be saved again over the other.</summary>
    private async Task<bool> SaveDraftAsync(ParsedFile? publish, CancellationToken cancellationToken)
    {
        var user = User.Identity!.Name!;
        var draft = await db.ContentDrafts.SingleOrDefaultAsync(d => d.Path == Path, cancellationToken);
        var verdict = DraftSave.Judge(draft?.Revision, draft?.UpdatedBy, Revision, user);
        if (!verdict.MayGoAhead())
        {
            await ShowConflictAsync(verdict, draft, cancellationToken);
            return false;
        }
        try
        {
            if (publish is not null)
            {
                if (draft is not null) db.ContentDrafts.Remove(draft);
                PublishedNumber = await importer.PublishAsync(publish, Markdown, user, cancellationToken);
                Revision = 0;
                return true;
            }
            if (draft is null)
            {
                var published = await db.ContentFiles.Where(f => f.Path == Path).Select(f => f.PublishedNumber).FirstOrDefaultAsync(cancellationToken);
                db.ContentDrafts.Add(draft = new ContentDraft { Path = Path, BaseNumber = published });
            }
            (draft.Markdown, draft.Revision, draft.UpdatedBy, draft.UpdatedAt) = (Markdown, draft.Revision + 1, user, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            // The page now holds this save: its next save must not be taken for someone else's.
            Revision = draft.Revision;
            return true;
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueConflict())
        {
            // Saved, published or discarded by someone else between our read and our write: judge again.
            db.ChangeTracker.Clear();
            return await SaveDraftAsync(publish, cancellationToken);
        }
    }

    private async Task ShowConflictAsync(DraftSaveVerdict verdict, ContentDraft? draft, CancellationToken cancellationToken)
    {
        Conflict = draft;
        Revision = draft?.Revision ?? 0;
        ConflictBy = draft is null ? null
            : await db.Users.Where(u => u.UserName == draft.UpdatedBy).Select(u => u.FullName).FirstOrDefaultAsync(cancellationToken) ?? draft.UpdatedBy;
        ModelState.AddModelError("", verdict switch
        {
            DraftSaveVerdict.Gone => t["Another trainer published or discarded this draft while you were editing. Your text is kept below; save again to start a new draft with it."],
            DraftSaveVerdict.SavedElsewhereBySelf => t["You saved this draft at {0} in another window, after you opened this one. This text is kept below and the other is shown beside it; save again to keep this one.", draft!.UpdatedAt.ToString("t")],
            _ => t["{0} saved this draft at {1}, after you opened it. Your text is kept below and theirs is shown beside it; save again to keep yours.", ConflictBy!, draft!.UpdatedAt.ToString("t")],
        });
    }

    /// <summary>Why the path cannot hold a draft: only content files can, by the rule that publishing applies.</summary>
    private string? PathProblem() =>
        Path.Length == 0 ? t["This draft has no file path, so it cannot be saved or published. Open the file again from the content workspace."].Value
        : ContentPath.Of(Path) is null ? t["'{0}' is not a content file, so it cannot be saved or published. Start new files with New module or scenario, in the content workspace.", Path].Value
        : null;

    private async Task<IActionResult> RefuseAsync(string problem, CancellationToken cancellationToken, ParsedFile? checkedText = null)
    {
        ModelState.AddModelError("", problem);
        return await ShowAsync(cancellationToken, checkedText);
    }

    private Task<string?> PublishedMarkdownAsync(CancellationToken cancellationToken) =>
        db.PublishedVersions().Where(v => v.ContentFile!.Path == Path).Select(v => v.Markdown).FirstOrDefaultAsync(cancellationToken);

    /// <param name="checkedText">What <see cref="ContentImporter.CheckAsync"/> said of <see cref="Markdown"/> in this request, if it was asked.</param>
    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken, ParsedFile? checkedText = null)
    {
        Preview = await PreviewAsync(checkedText ?? await importer.CheckAsync(Path, Markdown, cancellationToken), cancellationToken);
        PublishedNumber = await db.ContentFiles.Where(f => f.Path == Path).Select(f => f.PublishedNumber).FirstOrDefaultAsync(cancellationToken);
        HasDraft = await db.ContentDrafts.AnyAsync(d => d.Path == Path, cancellationToken);
        return Page();
    }

    /// <summary>The preview of <see cref="Markdown"/>; for a program, with its module list and each module's status.</summary>
    private async Task<PreviewView> PreviewAsync(ParsedFile result, CancellationToken cancellationToken) =>
        new(result, Markdown, ProgramId is null ? null
            : ProgramOutline.Of(Path, Markdown, catalog.Current, await ContentImporter.ModuleDraftIdsAsync(db, cancellationToken)));
}
