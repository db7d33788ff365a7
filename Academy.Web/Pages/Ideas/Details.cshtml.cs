using Academy.Domain.Content;
using Academy.Domain.Practice;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Ideas;

/// <summary>One idea: its comments, endorsing it, the decision of a manager of the author's team (or HR), and for a
/// trainer, an idea in practice turned into a draft scenario.</summary>
public sealed class DetailsModel(AcademyDbContext db, ContentCatalog catalog, Lineup.LineupStoriesCache stories, TimeProvider clock, IStringLocalizer<SharedResource> t)
    : PageModel
{
    public sealed record View(int Id, IdeaKind Kind, string Text, string AuthorId, string Author, string? Department, string? StandardId,
        DateTimeOffset PostedAt, IdeaStatus Status, DateOnly? InPracticeOn, string? NotNowReason, string? DecidedBy);
    public sealed record CommentRow(string Author, string Text, DateTimeOffset PostedAt);

    public View Idea { get; private set; } = null!;
    /// <summary>The idea's standard, in the reader's language or in English when not translated.</summary>
    public Jobs.ContentTitle? StandardTitle { get; private set; }
    public IReadOnlyList<CommentRow> Comments { get; private set; } = [];
    public int Endorsements { get; private set; }
    public bool EndorsedByMe { get; private set; }

    /// <summary>False for the idea's author, who sees the count but no button.</summary>
    public bool MayEndorse { get; private set; }
    public bool MayDecide { get; private set; }
    public bool IsTrainer { get; private set; }
    public IReadOnlyList<(string Id, string Title)> Modules { get; private set; } = [];

    /// <summary>The module a story's scenario goes into by default: the first that teaches the idea's standard.</summary>
    public string? SuggestedModule { get; private set; }

    /// <summary>The notice after a redirect: just posted, posted a moment ago already, or decided.</summary>
    [BindProperty(SupportsGet = true)] public bool Posted { get; set; }
    [BindProperty(SupportsGet = true)] public bool Again { get; set; }
    [BindProperty(SupportsGet = true)] public bool Decided { get; set; }

    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public IdeaStatus To { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? ModuleId { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>Endorses, or takes the endorsement back: one per person, so a second press undoes the first. The author
    /// has no button; a press from an old page or another tab is refused on the idea's page.</summary>
    public async Task<IActionResult> OnPostEndorseAsync(int id, string? returnUrl, CancellationToken cancellationToken)
    {
        if (await db.ServiceIdeas.Where(i => i.Id == id).Select(i => i.AuthorId).SingleOrDefaultAsync(cancellationToken) is not { } authorId) return NotFound();
        var me = User.EmployeeId();
        if (!IdeaRules.MayEndorse(authorId, me))
        {
            ModelState.AddModelError("", t["You cannot endorse your own idea: your colleagues do."]);
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        if (await db.IdeaEndorsements.FindAsync([id, me], cancellationToken) is { } endorsement) db.IdeaEndorsements.Remove(endorsement);
        else db.IdeaEndorsements.Add(new IdeaEndorsement { IdeaId = id, EmployeeId = me, At = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A double click's two presses crossed: the other one's change stands, one endorsement per person (the key).
        }
        return returnUrl is { } url && Url.IsLocalUrl(url) ? LocalRedirect(url) : RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCommentAsync(int id, CancellationToken cancellationToken)
    {
        if (!await db.ServiceIdeas.AnyAsync(i => i.Id == id, cancellationToken)) return NotFound();
        if (IdeaRules.CheckText(Comment) is { } problem)
        {
            ModelState.AddModelError(nameof(Comment), IdeaText.CommentProblem(problem, t));
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        db.IdeaComments.Add(new IdeaComment { IdeaId = id, AuthorId = User.EmployeeId(), Text = IdeaRules.Normalise(Comment), PostedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDecideAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.ServiceIdeas.FindAsync([id], cancellationToken) is not { } idea) return NotFound();
        var me = User.EmployeeId();
        var mayDecide = await IdeaAccess.MayDecideAsync(db, idea.AuthorId, me, User.Allows(Policies.HR), cancellationToken);
        if (!mayDecide) return Forbid();
        if (idea.MoveTo(To, Reason, me, mayDecide, clock.GetUtcNow()) is { } problem)
        {
            ModelState.AddModelError(problem is IdeaMoveProblem.ReasonMissing or IdeaMoveProblem.ReasonTooLong ? nameof(Reason) : "", IdeaText.Problem(problem, t));
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another decision was saved since the idea was read (its status is a concurrency token): nothing of this one
            // is kept, and the page shows where the idea stands now.
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", t["Someone decided on this idea a moment ago: here is where it stands now."]);
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        // In practice, or no longer: the line-up's stories change.
        stories.IdeasChanged();
        return RedirectToPage(new { id, decided = true });
    }

    /// <summary>A trainer turns a story in practice into a draft scenario, its text as the briefing, and opens it in the
    /// editor. The draft's id names the idea, so a second press opens the same draft rather than making another.</summary>
    public async Task<IActionResult> OnPostScenarioAsync(int id, CancellationToken cancellationToken)
    {
        if (!User.Allows(Policies.Trainer)) return Forbid();
        var idea = await db.ServiceIdeas.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.Text, i.Status, i.InPracticeOn }).SingleOrDefaultAsync(cancellationToken);
        if (idea is null) return NotFound();
        if (idea.Status != IdeaStatus.InPractice) ModelState.AddModelError("", t["Only an idea in practice is a story to turn into a scenario."]);
        if (catalog.Current.Module(ModuleId ?? "") is null) ModelState.AddModelError(nameof(ModuleId), t["Choose the module the scenario belongs to."]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        var path = ContentPath.QuizFile(ModuleId!, $"story-{id}");
        if (!await db.ContentDrafts.AnyAsync(d => d.Path == path, cancellationToken) && !await db.ContentFiles.AnyAsync(f => f.Path == path, cancellationToken))
        {
            db.ContentDrafts.Add(new ContentDraft
            {
                Path = path, Markdown = Workspace.Templates.Story(t["A colleague’s story"], idea.Text), Revision = 1,
                UpdatedBy = User.Identity!.Name!, UpdatedAt = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        return RedirectToPage("/Workspace/Edit", new { path });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        var idea = await db.ServiceIdeas.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new View(i.Id, i.Kind, i.Text, i.AuthorId, i.Author!.FullName, i.Department, i.StandardId, i.PostedAt, i.Status, i.InPracticeOn,
                i.NotNowReason, db.Users.Where(u => u.Id == i.DecidedById).Select(u => u.FullName).FirstOrDefault()))
            .SingleOrDefaultAsync(cancellationToken);
        if (idea is null) return false;
        Idea = idea;
        var content = catalog.Current;
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        StandardTitle = content.Standards.FirstOrDefault(s => s.Id == idea.StandardId) is { } standard
            ? Jobs.ContentTitle.Of(standard, language) : null;
        Comments = await db.IdeaComments.AsNoTracking().Where(c => c.IdeaId == id).OrderBy(c => c.PostedAt).ThenBy(c => c.Id)
            .Select(c => new CommentRow(c.Author!.FullName, c.Text, c.PostedAt)).ToListAsync(cancellationToken);
        // An author's endorsement saved before authors were refused does not count.
        Endorsements = await db.IdeaEndorsements.CountAsync(e => e.IdeaId == id && e.EmployeeId != idea.AuthorId, cancellationToken);
        EndorsedByMe = await db.IdeaEndorsements.AnyAsync(e => e.IdeaId == id && e.EmployeeId == me, cancellationToken);
        MayEndorse = IdeaRules.MayEndorse(idea.AuthorId, me);
        MayDecide = await IdeaAccess.MayDecideAsync(db, idea.AuthorId, me, User.Allows(Policies.HR), cancellationToken);
        IsTrainer = User.Allows(Policies.Trainer);
        if (IsTrainer && idea.Status == IdeaStatus.InPractice)
        {
            Modules = [.. content.Modules.Values.OrderBy(m => m.Default.Title).Select(m => (m.Id, m.Default.Title))];
            SuggestedModule = ModuleId ?? content.Modules.Values.Where(m => idea.StandardId != null && m.Default.Standards.Contains(idea.StandardId))
                .OrderBy(m => m.Default.Title).Select(m => m.Id).FirstOrDefault();
        }
        return true;
    }
}
