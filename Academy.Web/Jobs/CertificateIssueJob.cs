using Academy.Domain.Certificates;
using Academy.Web.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Jobs;

/// <summary>Issues an employee's certificate for a program (or a module with its own <c>certificate: true</c>) once every
/// module of it is completed, and supersedes the certificate of the previous cycle. Safe to run any number of times: it
/// first looks for a certificate resting on the same completions, and the unique (holder, subject, completions, edition)
/// key turns a racing second run into a no-op.</summary>
public sealed class CertificateIssueJob(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, ILogger<CertificateIssueJob> logger)
{
    /// <summary>A request that completed a module only queues the issuing: the learner's POST commits once and never waits
    /// for a PDF's worth of work. Should the process stop before the job runs, <see cref="RunMissedAsync"/> issues it.</summary>
    public static void Enqueue(IBackgroundJobClient jobs, string employeeId, string moduleId) =>
        jobs.Enqueue<CertificateIssueJob>(j => j.RunForModuleAsync(employeeId, moduleId, CancellationToken.None));

    /// <summary>Runs the job for every certificate-bearing program that contains the module just completed, and for the
    /// module itself when it bears one.</summary>
    public async Task RunForModuleAsync(string employeeId, string moduleId, CancellationToken cancellationToken)
    {
        foreach (var subject in CertificateSubject.All(catalog.Current).Where(s => s.ModuleIds.Contains(moduleId)))
            await RunAsync(employeeId, subject.Id, cancellationToken);
    }

    /// <summary>The missed-work scan: issues every certificate that is due but missing (a process stopped between a
    /// completion's commit and its job, a job that failed). Two queries per subject find them; only those are written.</summary>
    /// <returns>How many certificates this run issued.</returns>
    public async Task<int> RunMissedAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var issued = 0;
        foreach (var subject in CertificateSubject.All(catalog.Current))
        {
            var moduleIds = subject.ModuleIds;
            var completions = await db.ModuleCompletions.AsNoTracking()
                .Where(c => moduleIds.Contains(c.ModuleId))
                .Select(c => new { c.Id, c.EmployeeId, c.ModuleId, c.Sequence, c.CompletedAt, c.ExpiresAt })
                .ToListAsync(cancellationToken);
            var existing = (await db.Certificates.AsNoTracking().Where(c => c.ProgramId == subject.Id)
                .Select(c => new { c.HolderId, c.CompletionKey }).ToListAsync(cancellationToken))
                .Select(c => (c.HolderId, c.CompletionKey)).ToHashSet();
            foreach (var employee in completions.GroupBy(c => c.EmployeeId))
            {
                var latest = employee.GroupBy(c => c.ModuleId).Select(g => g.MaxBy(c => c.Sequence)!)
                    .ToDictionary(c => c.ModuleId, c => new CompletionBehind(c.Id, c.ModuleId, c.CompletedAt, c.ExpiresAt));
                if (CertificateRules.Behind(moduleIds, latest, now) is not { } behind) continue;
                if (existing.Contains((employee.Key, CertificateRules.CompletionKey(behind)))) continue;
                if (await RunAsync(employee.Key, subject.Id, cancellationToken) is not null) issued++;
            }
        }
        if (issued > 0) logger.LogWarning("The certificate scan issued {Count} missed certificates", issued);
        return issued;
    }

    /// <param name="subjectId">A program's id, or <see cref="CertificateSubject.ModulePrefix"/> and a module's id.</param>
    /// <returns>The certificate issued by this run, or null when none was due or it already existed.</returns>
    public async Task<Certificate?> RunAsync(string employeeId, string subjectId, CancellationToken cancellationToken)
    {
        var content = catalog.Current;
        if (CertificateSubject.All(content).FirstOrDefault(s => s.Id == subjectId) is not { } subject) return null;
        var moduleIds = subject.ModuleIds;

        var completions = await db.ModuleCompletions.AsNoTracking()
            .Where(c => c.EmployeeId == employeeId && moduleIds.Contains(c.ModuleId))
            .Select(c => new { c.Id, c.ModuleId, c.Sequence, c.CompletedAt, c.ExpiresAt })
            .ToListAsync(cancellationToken);
        var latest = completions.GroupBy(c => c.ModuleId)
            .Select(g => g.MaxBy(c => c.Sequence)!)
            .ToDictionary(c => c.ModuleId, c => new CompletionBehind(c.Id, c.ModuleId, c.CompletedAt, c.ExpiresAt));
        if (CertificateRules.Behind(moduleIds, latest, clock.GetUtcNow()) is not { } behind) return null;

        var key = CertificateRules.CompletionKey(behind);
        if (await db.Certificates.AnyAsync(c => c.HolderId == employeeId && c.ProgramId == subjectId && c.CompletionKey == key, cancellationToken))
            return null;
        if (await db.Users.AsNoTracking().Where(u => u.Id == employeeId).Select(u => new { u.FullName, u.PreferredLanguage }).SingleOrDefaultAsync(cancellationToken) is not { } holder)
            return null;

        var standardIds = moduleIds.SelectMany(id => content.Modules[id].Default.Standards).Distinct().ToList();
        var certificate = new Certificate
        {
            Code = CertificateCode.NewCode(),
            HolderId = employeeId,
            HolderName = holder.FullName,
            ProgramId = subject.Id,
            ProgramTitle = subject.Title,
            Standards = string.Join('\n', standardIds.Select(id => content.Standards.FirstOrDefault(s => s.Id == id)?.Title ?? id)),
            Language = holder.PreferredLanguage is "fr" ? "fr" : "en",
            IssuedAt = CertificateRules.IssuedAt(behind),
            ExpiresAt = CertificateRules.ExpiresAt(behind),
            CompletionKey = key,
        };
        db.Certificates.Add(certificate);
        // Recertification: the certificates of earlier cycles now point to this one.
        var earlier = await db.Certificates
            .Where(c => c.HolderId == employeeId && c.ProgramId == subjectId && c.SupersededById == null && c.RevokedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var old in earlier) old.SupersededBy = certificate;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueConflict())
        {
            // A parallel run issued it first (or drew the same code, one chance in 2^54): that run's certificate stands.
            db.ChangeTracker.Clear();
            return null;
        }
        logger.LogInformation("Issued certificate {Id} for {Subject} to employee {Employee}", certificate.Id, subjectId, employeeId);
        return certificate;
    }
}

/// <summary>What a certificate can be for: a program with <c>certificate: true</c>, or a module with it. A module's
/// certificate is stored under <c>module:</c> and its id (in <see cref="Certificate.ProgramId"/>), so that it never
/// meets a program of the same name: ids cannot hold a colon.</summary>
public sealed record CertificateSubject(string Id, string Title, IReadOnlyList<string> ModuleIds)
{
    public const string ModulePrefix = "module:";

    public static IEnumerable<CertificateSubject> All(PublishedContent content)
    {
        foreach (var program in content.Programs.Where(p => p.Certificate))
            yield return new CertificateSubject(program.Id, program.Title, program.ModuleIds.Where(content.Modules.ContainsKey).ToList());
        foreach (var module in content.Modules.Values.Where(m => m.Default.Certificate).OrderBy(m => m.Id, StringComparer.Ordinal))
            yield return new CertificateSubject(ModulePrefix + module.Id, module.Default.Title, [module.Id]);
    }

    /// <summary>The module a certificate's subject id names, or null when it names a program.</summary>
    public static string? ModuleOf(string subjectId) =>
        subjectId.StartsWith(ModulePrefix, StringComparison.Ordinal) ? subjectId[ModulePrefix.Length..] : null;
}
