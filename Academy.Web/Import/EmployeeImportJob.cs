using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Academy.Domain.People;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Academy.Web.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Academy.Web.Import;

/// <summary>Applies a previewed HR file: every change in one transaction (all or nothing), checked again against the
/// employees stored now. New active accounts get an invitation through the outbox; afterwards the audience rules run,
/// so the imported people have their training at once. A second run of an applied file does nothing.</summary>
public sealed class EmployeeImportJob(
    AcademyDbContext db, Invitations invitations, ILookupNormalizer normalizer, ImportProgress progress, AssignmentSyncJob sync,
    IBackgroundJobClient jobs, TimeProvider clock, IStringLocalizer<SharedResource> t, ILogger<EmployeeImportJob> logger)
{
    private const int ChunkSize = 500;

    public async Task RunAsync(int importId, CancellationToken cancellationToken)
    {
        var file = await db.EmployeeImports.SingleOrDefaultAsync(f => f.Id == importId, cancellationToken);
        if (file is null || file.Status is ImportStatus.Applied or ImportStatus.Failed) return;
        // From here until the end this process is known to be applying it (see ImportProgress.IsAlive).
        progress.Report(importId, 0, 0);
        try
        {
            file.Status = ImportStatus.Running;
            await db.SaveChangesAsync(cancellationToken);
            var watch = Stopwatch.StartNew();
            // A file that changed nobody changes no one's audience, and invites nobody.
            if (await ApplyAsync(file, cancellationToken) is > 0 and var written)
            {
                var applied = watch.Elapsed;
                await RunAudienceRulesAsync(cancellationToken);
                jobs.Enqueue<MailDispatchJob>(j => j.RunAsync(CancellationToken.None));
                logger.LogInformation("Employee import {Id}: {Written} changes checked and written in {Apply:0} ms, audience rules in {Rules:0} ms",
                    importId, written, applied.TotalMilliseconds, (watch.Elapsed - applied).TotalMilliseconds);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The transaction rolled back: nothing of the file is written. A retry would meet the same data, so none.
            logger.LogError(e, "Employee import {Id} failed", importId);
            await FailAsync(importId, t["The import stopped before the end and wrote nothing: {0}", e.Message], cancellationToken);
        }
        finally
        {
            progress.Finish(importId);
        }
    }

    /// <returns>The changes written, or null when the file no longer passes its checks.</returns>
    private async Task<int?> ApplyAsync(EmployeeImportFile file, CancellationToken cancellationToken)
    {
        var check = await ImportPlanner.CheckAsync(db, file, cancellationToken);
        if (check.MissingColumns.Count > 0 || check.Plan.Errors.Count > 0)
        {
            // Someone changed the employees since the preview: say so rather than write half a file.
            await FailAsync(file.Id, t.Plural(check.Plan.ErrorRows, "The file no longer passes its checks ({0} row with errors): open its preview again.",
                "The file no longer passes its checks ({0} rows with errors): open its preview again."), cancellationToken);
            return null;
        }
        var plan = check.Plan;
        var now = clock.GetUtcNow();
        var learnerRoleId = await db.Roles.Where(r => r.Name == Roles.Learner).Select(r => r.Id).SingleAsync(cancellationToken);
        var changes = plan.InWriteOrder().Where(c => c.Action != ImportAction.Unchanged).ToList();
        var newIds = new Dictionary<int, string>();
        var done = 0;
        progress.Report(file.Id, 0, changes.Count);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // New people, managers before their reports, one prepared INSERT per table: most of a large file, and most
            // of its time when it went through SaveChanges.
            await using (var users = new RowInserter<Employee>(db))
            await using (var roles = new RowInserter<IdentityUserRole<string>>(db))
            await using (var mails = new RowInserter<OutboxMail>(db))
            {
                foreach (var change in changes.Where(c => c.ExistingId is null))
                {
                    var employee = new Employee { EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString() };
                    Write(employee, change.Record, change.ManagerRow is { } row ? newIds[row] : change.Record.ManagerId);
                    newIds[change.Row] = employee.Id;
                    await users.InsertAsync(employee, cancellationToken);
                    await roles.InsertAsync(new IdentityUserRole<string> { UserId = employee.Id, RoleId = learnerRoleId }, cancellationToken);
                    if (employee.IsActive) await mails.InsertAsync(await invitations.ComposeAsync(employee, now, $"invite:{employee.Id}"), cancellationToken);
                    if (++done % ChunkSize == 0) progress.Report(file.Id, done, changes.Count);
                }
            }
            var updates = changes.Where(c => c.ExistingId is not null).ToList();
            for (var start = 0; start < updates.Count; start += ChunkSize)
            {
                var chunk = updates.Skip(start).Take(ChunkSize).ToList();
                var ids = chunk.Select(c => c.ExistingId!).ToList();
                var tracked = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
                foreach (var change in chunk)
                {
                    var employee = tracked[change.ExistingId!];
                    var deactivated = employee.IsActive && !change.Record.Active;
                    Write(employee, change.Record, change.ManagerRow is { } row ? newIds[row] : change.Record.ManagerId);
                    // A new stamp ends the sessions of someone who left, within the stamp validation interval.
                    if (deactivated) employee.SecurityStamp = Guid.NewGuid().ToString();
                }
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                done += chunk.Count;
                progress.Report(file.Id, done, changes.Count);
            }
            var stored = await db.EmployeeImports.SingleAsync(f => f.Id == file.Id, cancellationToken);
            stored.Status = ImportStatus.Applied;
            stored.AppliedAt = now;
            stored.Created = plan.Count(ImportAction.Create);
            stored.Updated = plan.Count(ImportAction.Update);
            stored.Deactivated = plan.Count(ImportAction.Deactivate);
            stored.Unchanged = plan.Count(ImportAction.Unchanged);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        db.ChangeTracker.Clear();
        logger.LogInformation("Employee import {Id}: {Created} created, {Updated} updated, {Deactivated} deactivated", file.Id,
            plan.Count(ImportAction.Create), plan.Count(ImportAction.Update), plan.Count(ImportAction.Deactivate));
        return changes.Count;
    }

    /// <summary>Imports that a stopped process left queued or running (Hangfire's in-memory queue went with it) are queued
    /// again at start. Applying twice is impossible: the changes and the Applied status commit in one transaction, so an
    /// interrupted apply wrote nothing, and a finished one is skipped by <see cref="RunAsync"/>.</summary>
    /// <returns>The imports queued again.</returns>
    public static int RequeueInterrupted(AcademyDbContext db, ImportProgress progress)
    {
        var interrupted = db.EmployeeImports.Where(f => f.Status == ImportStatus.Queued || f.Status == ImportStatus.Running).Select(f => f.Id).ToList();
        foreach (var id in interrupted)
        {
            db.EmployeeImports.Where(f => f.Id == id).ExecuteUpdate(s => s.SetProperty(f => f.Status, ImportStatus.Queued));
            progress.Enqueue(id);
        }
        return interrupted.Count;
    }

    /// <summary>HR's "Run again" on a file that failed, or that a stopped process left running (the caller has checked
    /// that none is applying it): queued once however often the button is pressed, since only the request that moves it
    /// out of that status enqueues it.</summary>
    /// <returns>Whether this request queued it.</returns>
    public static async Task<bool> RunAgainAsync(AcademyDbContext db, ImportProgress progress, int importId, CancellationToken cancellationToken)
    {
        var moved = await db.EmployeeImports.Where(f => f.Id == importId && (f.Status == ImportStatus.Failed || f.Status == ImportStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, ImportStatus.Queued).SetProperty(f => f.Error, (string?)null), cancellationToken);
        if (moved == 0) return false;
        progress.Enqueue(importId);
        return true;
    }

    private async Task FailAsync(int importId, string error, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var file = await db.EmployeeImports.SingleAsync(f => f.Id == importId, cancellationToken);
        // A second run that collided with a finished one must not mark the applied file failed.
        if (file.Status == ImportStatus.Applied) return;
        file.Status = ImportStatus.Failed;
        file.Error = error;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The rules run over everyone: imported people get what their department or role calls for, and people
    /// who left lose what they had not finished. A failure here leaves the import applied; the nightly sync catches up.</summary>
    private async Task RunAudienceRulesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sync.RunAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The assignment sync after an employee import failed; its next run will assign the imported employees");
        }
    }

    private void Write(Employee employee, EmployeeRecord record, string? managerId)
    {
        employee.EmployeeNumber = record.EmployeeNumber;
        employee.Email = employee.UserName = record.Email;
        employee.NormalizedEmail = normalizer.NormalizeEmail(record.Email);
        employee.NormalizedUserName = normalizer.NormalizeName(record.Email);
        employee.FullName = record.FullName;
        employee.Department = record.Department;
        employee.JobRole = record.JobRole;
        employee.Location = record.Location;
        employee.ManagerId = managerId;
        employee.HireDate = record.HireDate;
        employee.PreferredLanguage = record.Language;
        employee.IsActive = record.Active;
    }

}
