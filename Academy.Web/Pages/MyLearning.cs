using Academy.Domain.Assignments;
using Academy.Domain.Learning;
using Academy.Web.Data;
using Academy.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages;

/// <summary>An assignment as the learner sees it on My learning. <see cref="Status"/> is English text, the key of its translation.</summary>
public sealed record AssignmentRow(string Title, ItemKind Kind, string ItemId, AssignmentSource Source, DateOnly? Due, bool DueFromAssignmentDate,
    string Status, int Percent, DateTimeOffset? ExpiresAt);

/// <summary>A completion in the learner's transcript.</summary>
public sealed record TranscriptRow(string Title, string ModuleId, DateTimeOffset CompletedAt, DateTimeOffset? ExpiresAt, decimal? Score, string Status);

/// <summary>Reads My learning: the assignments with their status and progress, and the completion transcript.</summary>
public static class MyLearning
{
    public static readonly string[] Statuses = ["Overdue", "Expired", "Due soon", "Expiring", "Assigned", "Completed"];

    public static async Task<(List<AssignmentRow> Assignments, List<TranscriptRow> Transcript)> LoadAsync(AcademyDbContext db, string employeeId,
        PublishedContent content, IReadOnlyDictionary<string, ModuleProgress> progress, string language, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var assignments = await db.Assignments.AsNoTracking().Where(a => a.EmployeeId == employeeId && a.RemovedAt == null)
            .OrderBy(a => a.DueOn == null).ThenBy(a => a.DueOn).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var rows = new List<AssignmentRow>();
        foreach (var a in assignments)
        {
            if (!AssignmentSyncJob.Exists(content, a.ItemKind, a.ItemId)) continue;
            var modules = a.ItemKind == ItemKind.Program
                ? content.Programs.First(p => p.Id == a.ItemId).ModuleIds.Where(content.Modules.ContainsKey).ToList()
                : [a.ItemId];
            var states = modules.Select(m => progress.GetValueOrDefault(m)).ToList();
            var done = a.CompletedAt is not null || states.Count > 0 && states.All(s => s?.State == ProgressState.Completed && (a.Cycle == 0 || s.ValidUntil > a.ExpiresAt));
            var percent = done ? 100 : states.Count == 0 ? 0 : (int)states.Average(s => s?.Percent ?? 0);
            var status = AssignmentStatus.Of(done, a.ExpiresAt, a.DueOn, a.Source == AssignmentSource.Refresher, now) switch
            {
                AssignmentState.Completed => "Completed",
                AssignmentState.Expired => "Expired",
                AssignmentState.Overdue => "Overdue",
                AssignmentState.Expiring => "Expiring",
                AssignmentState.DueSoon => "Due soon",
                _ => "Assigned",
            };
            rows.Add(new AssignmentRow(NoticeText.Title(content, a.ItemKind, a.ItemId, language), a.ItemKind, a.ItemId, a.Source, a.DueOn,
                a.DueFromAssignmentDate, status, percent, a.ExpiresAt));
        }
        var completions = await db.ModuleCompletions.AsNoTracking().Where(c => c.EmployeeId == employeeId)
            .OrderByDescending(c => c.CompletedAt).Select(c => new { c.ModuleId, c.Sequence, c.CompletedAt, c.ExpiresAt, c.Score }).ToListAsync(cancellationToken);
        var latest = completions.GroupBy(c => c.ModuleId).ToDictionary(g => g.Key, g => g.Max(c => c.Sequence));
        var transcript = completions.Select(c => new TranscriptRow(NoticeText.Title(content, ItemKind.Module, c.ModuleId, language), c.ModuleId, c.CompletedAt, c.ExpiresAt, c.Score,
            latest[c.ModuleId] != c.Sequence ? "Renewed" : c.ExpiresAt <= now ? "Expired" : "Valid")).ToList();
        return (rows, transcript);
    }
}
