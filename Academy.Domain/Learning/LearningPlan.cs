using Academy.Domain.Content;

namespace Academy.Domain.Learning;

/// <summary>A program as one employee sees it.</summary>
/// <param name="NextModuleId">The first module of the program, in order, that is not completed; null when all are.</param>
public sealed record ProgramPlan(ProgramDocument Program, int CompletedModules, int ModuleCount, string? NextModuleId)
{
    public int Percent => ModuleCount == 0 ? 0 : CompletedModules * 100 / ModuleCount;
    public bool IsComplete => NextModuleId is null;
}

/// <summary>What an employee should do next: their programs, then the other modules meant for them.</summary>
public sealed record LearningPlan(IReadOnlyList<ProgramPlan> Programs, IReadOnlyList<string> RefreshersDue, IReadOnlyList<string> OtherModules)
{
    /// <summary>Programs and modules whose audience includes the employee's department or job role.
    /// Modules missing from <paramref name="modules"/> (not published) are left out of a program.</summary>
    public static LearningPlan For(IEnumerable<ProgramDocument> programs, IReadOnlyDictionary<string, ModuleDocument> modules,
        string? department, string? jobRole, IReadOnlyDictionary<string, ModuleProgress> progress)
    {
        bool Done(string id) => progress.TryGetValue(id, out var p) && p.State == ProgressState.Completed;

        var plans = programs.Where(p => p.Audience.Includes(department, jobRole))
            .Select(p =>
            {
                var ids = p.ModuleIds.Where(modules.ContainsKey).ToList();
                return new ProgramPlan(p, ids.Count(Done), ids.Count, ids.FirstOrDefault(id => !Done(id)));
            })
            .OrderBy(p => p.IsComplete).ThenBy(p => p.Program.Title, StringComparer.CurrentCulture)
            .ToList();
        var inPrograms = plans.SelectMany(p => p.Program.ModuleIds).ToHashSet();
        var mine = modules.Values.Where(m => m.Audience.Includes(department, jobRole)).ToList();
        var refreshers = mine.Where(m => progress.TryGetValue(m.Id, out var p) && p.State == ProgressState.RefresherDue)
            .Select(m => m.Id).ToList();
        var others = mine.Where(m => !inPrograms.Contains(m.Id) && !Done(m.Id) && !refreshers.Contains(m.Id))
            .OrderBy(m => m.Title, StringComparer.CurrentCulture).Select(m => m.Id).ToList();
        return new LearningPlan(plans, refreshers, others);
    }
}
