using Academy.Domain.Practice;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Ideas;

/// <summary>The service ideas board: anyone posts, in a few seconds, what they noticed about customers or an idea to
/// serve them better; everyone reads, filters and endorses.</summary>
public sealed class IndexModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>The list shows the newest ideas that match, this many at most.</summary>
    public const int PageSize = 100;

    public sealed record Row(int Id, IdeaKind Kind, string Text, string AuthorId, string Author, string? Department, string? StandardId, DateTimeOffset PostedAt,
        IdeaStatus Status, DateOnly? InPracticeOn, int Endorsements, bool EndorsedByMe, int Comments);

    public sealed class InputModel
    {
        public IdeaKind Kind { get; set; } = IdeaKind.Idea;
        public string? StandardId { get; set; }
        public string? Text { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)] public IdeaStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Standard { get; set; }
    [BindProperty(SupportsGet = true)] public bool MyTeam { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public string? MyDepartment { get; private set; }

    /// <summary>Each standard's title in the reader's language, or in English when not translated.</summary>
    public IReadOnlyDictionary<string, Jobs.ContentTitle> Standards { get; private set; } = new Dictionary<string, Jobs.ContentTitle>();

    /// <summary>False on the reader's own ideas, which show their count but no button.</summary>
    public bool MayEndorse(Row idea) => IdeaRules.MayEndorse(idea.AuthorId, User.EmployeeId());

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        if (IdeaRules.CheckText(Input.Text) is { } problem) ModelState.AddModelError("Input.Text", IdeaText.Problem(problem, t));
        if (Input.StandardId is { Length: > 0 } standard && catalog.Current.Standards.All(s => s.Id != standard))
            ModelState.AddModelError("Input.StandardId", t["Choose a standard from the list."]);
        if (!Enum.IsDefined(Input.Kind)) ModelState.AddModelError("Input.Kind", t["Choose what you are sharing."]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        var text = IdeaRules.Normalise(Input.Text);
        var now = clock.GetUtcNow();
        if (await EarlierPostAsync(me, text, now, cancellationToken) is { } earlier) return Again(earlier);

        var department = await db.Users.Where(u => u.Id == me).Select(u => u.Department).SingleAsync(cancellationToken);
        var (hash, slot, shiftedSlot) = IdeaRules.DoublePostKey(text, now);
        var idea = new ServiceIdea
        {
            AuthorId = me, Kind = Input.Kind, StandardId = Input.StandardId is { Length: > 0 } s ? s : null, Department = department,
            Text = text, PostedAt = now, TextHash = hash, PostedSlot = slot, PostedShiftedSlot = shiftedSlot,
        };
        db.ServiceIdeas.Add(idea);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueConflict())
        {
            // A double click whose two requests passed the check together: the other one saved it first.
            db.ChangeTracker.Clear();
            return Again(await db.ServiceIdeas.Where(i => i.AuthorId == me && i.TextHash == hash && (i.PostedSlot == slot || i.PostedShiftedSlot == shiftedSlot))
                .Select(i => i.Id).FirstAsync(cancellationToken));
        }
        return RedirectToPage("/Ideas/Details", new { id = idea.Id, posted = true });
    }

    /// <summary>The author's post of the same text within the double-post window, if any: a resent form or a double
    /// click, whose first post stands.</summary>
    private async Task<int?> EarlierPostAsync(string me, string text, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now - IdeaRules.DoublePostWindow;
        var earlier = await db.ServiceIdeas.AsNoTracking().Where(i => i.AuthorId == me && i.PostedAt >= since && i.Text == text)
            .OrderByDescending(i => i.PostedAt).Select(i => new { i.Id, i.Text, i.PostedAt }).FirstOrDefaultAsync(cancellationToken);
        return earlier is not null && IdeaRules.IsDoublePost(earlier.Text, earlier.PostedAt, text, now) ? earlier.Id : null;
    }

    private RedirectToPageResult Again(int earlierId) => RedirectToPage("/Ideas/Details", new { id = earlierId, again = true });

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Standards = catalog.Current.Standards.ToDictionary(s => s.Id, s => Jobs.ContentTitle.Of(s, language));
        MyDepartment = await db.Users.Where(u => u.Id == me).Select(u => u.Department).SingleOrDefaultAsync(cancellationToken);
        var ideas = db.ServiceIdeas.AsNoTracking();
        if (Status is { } status) ideas = ideas.Where(i => i.Status == status);
        if (Standard is { Length: > 0 } standard) ideas = ideas.Where(i => i.StandardId == standard);
        if (MyTeam)
        {
            // My team: my department's ideas, and for a manager also those of the people under them, wherever they sit.
            var department = MyDepartment;
            var reports = db.ReportIdsOf(me);
            ideas = ideas.Where(i => (department != null && i.Department == department) || reports.Contains(i.AuthorId));
        }
        Total = await ideas.CountAsync(cancellationToken);
        Rows = await ideas.OrderByDescending(i => i.PostedAt).ThenByDescending(i => i.Id).Take(PageSize)
            .Select(i => new Row(i.Id, i.Kind, i.Text, i.AuthorId, i.Author!.FullName, i.Department, i.StandardId, i.PostedAt, i.Status, i.InPracticeOn,
                // An author's endorsement saved before authors were refused does not count.
                db.IdeaEndorsements.Count(e => e.IdeaId == i.Id && e.EmployeeId != i.AuthorId), db.IdeaEndorsements.Any(e => e.IdeaId == i.Id && e.EmployeeId == me),
                db.IdeaComments.Count(c => c.IdeaId == i.Id)))
            .ToListAsync(cancellationToken);
    }
}
