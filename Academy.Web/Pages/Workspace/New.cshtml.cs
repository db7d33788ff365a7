using System.ComponentModel.DataAnnotations;
using Academy.Domain.Content;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Workspace;

/// <summary>Starts a module, a scenario, a knowledge check or a program from a template, as a draft.</summary>
public sealed class NewModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public IReadOnlyList<(string Id, string Title)> Modules { get; private set; } = [];

    public sealed class InputModel
    {
        [Required] public string Kind { get; set; } = "scenario";

        [Required(ErrorMessage = "Give the new file an id."), RegularExpression("^[a-z0-9-]+$", ErrorMessage = "An id uses lower-case letters, digits and dashes only, e.g. late-check-out.")]
        public string Id { get; set; } = "";

        [Required(ErrorMessage = "Give it a title.")]
        public string Title { get; set; } = "";

        public string? ModuleId { get; set; }
    }

    /// <param name="kind">Preselects what to write: the workspace's "New program" button says <c>program</c>.</param>
    public void OnGet(string? kind)
    {
        if (kind is "module" or "scenario" or "check" or "program") Input.Kind = kind;
        Modules = ModuleChoices();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Modules = ModuleChoices();
        if (Input.Kind is not ("module" or "program") && catalog.Current.Module(Input.ModuleId ?? "") is null)
            ModelState.AddModelError("Input.ModuleId", t["Choose the module the quiz belongs to."]);
        if (!ModelState.IsValid) return Page();

        var path = Input.Kind switch
        {
            "module" => ContentPath.ModuleFile(Input.Id),
            "program" => ContentPath.ProgramFile(Input.Id),
            _ => ContentPath.QuizFile(Input.ModuleId!, Input.Id),
        };
        if (await db.ContentFiles.AnyAsync(f => f.Path == path, cancellationToken) || await db.ContentDrafts.AnyAsync(d => d.Path == path, cancellationToken))
        {
            ModelState.AddModelError("Input.Id", t["A file with this id exists already: choose another id."]);
            return Page();
        }
        db.ContentDrafts.Add(new ContentDraft
        {
            // A new program lists the first published modules, so that its preview shows a real list from the start.
            Path = path, Markdown = Input.Kind == "program" ? Templates.Program(Input.Id, Input.Title, Modules.Take(2).Select(m => m.Id)) : Templates.For(Input.Kind, Input.Title), Revision = 1, UpdatedBy = User.Identity!.Name!, UpdatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/Workspace/Edit", new { path });
    }

    private List<(string Id, string Title)> ModuleChoices() =>
        catalog.Current.Modules.Values.OrderBy(m => m.Default.Title).Select(m => (m.Id, m.Default.Title)).ToList();
}
