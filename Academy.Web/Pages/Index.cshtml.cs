using System.Globalization;
using Academy.Domain.Content;
using Academy.Domain.Learning;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Academy.Web.Pages.Catalog;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Academy.Web.Pages;

public sealed class IndexModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock) : PageModel
{
    private PublishedContent _content = PublishedContent.Empty;
    private Dictionary<string, ModuleProgress> _progress = [];

    public LearningPlan Plan { get; private set; } = new([], [], []);
    public ModuleDocument? Next { get; private set; }
    public ProgramDocument? NextProgram { get; private set; }
    public IReadOnlyList<AssignmentRow> Assignments { get; private set; } = [];
    public IReadOnlyList<TranscriptRow> Transcript { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        _content = catalog.Current;
        _progress = await LearnerProgress.ForEmployeeAsync(db, User.EmployeeId(), _content, clock.GetUtcNow(), cancellationToken);
        Plan = LearningPlan.For(_content.Programs, _content.Modules.ToDictionary(m => m.Key, m => m.Value.Default),
            User.Get(AcademyClaims.Department), User.Get(AcademyClaims.JobRole), _progress);
        (Assignments, Transcript) = await MyLearning.LoadAsync(db, User.EmployeeId(), _content, _progress, Language, clock.GetUtcNow(), cancellationToken);
        if (Plan.Programs.FirstOrDefault(p => !p.IsComplete) is { NextModuleId: { } nextId } program)
        {
            Next = _content.Modules[nextId].In(Language);
            NextProgram = program.Program;
        }
    }

    public ModuleCard Card(string moduleId) => ModuleCard.Of(_content.Modules[moduleId], Language, _progress.GetValueOrDefault(moduleId));

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
}
