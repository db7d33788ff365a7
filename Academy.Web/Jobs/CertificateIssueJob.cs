using Academy.Domain.Certificates;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Jobs;

/// <summary>Issues an employee's certificate for a program once every module of it is completed, and supersedes the
/// certificate of the previous cycle. Safe to run any number of times: it first looks for a certificate resting on the
/// same completions, and the unique (holder, program, completions, edition) key turns a racing second run into a no-op.</summary>
public sealed class CertificateIssueJob(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, ILogger<CertificateIssueJob> logger)
{
    /// <summary>Runs the job for every certificate-bearing program that contains the module just completed.</summary>
    public async Task RunForModuleAsync(string employeeId, string moduleId, CancellationToken cancellationToken)
    {
        foreach (var program in catalog.Current.Programs.Where(p => p.Certificate && p.ModuleIds.Contains(moduleId)))
            await RunAsync(employeeId, program.Id, cancellationToken);
    }

    /// <returns>The certificate issued by this run, or null when none was due or it already existed.</returns>
    public async Task<Certificate?> RunAsync(string employeeId, string programId, CancellationToken cancellationToken)
    {
        var content = catalog.Current;
        if (content.Programs.FirstOrDefault(p => p.Id == programId && p.Certificate) is not { } program) return null;
        var moduleIds = program.ModuleIds.Where(content.Modules.ContainsKey).ToList();

        var completions = await db.ModuleCompletions.AsNoTracking()
            .Where(c => c.EmployeeId == employeeId && moduleIds.Contains(c.ModuleId))
            .Select(c => new { c.Id, c.ModuleId, c.Sequence, c.CompletedAt, c.ExpiresAt })
            .ToListAsync(cancellationToken);
        var latest = completions.GroupBy(c => c.ModuleId)
            .Select(g => g.MaxBy(c => c.Sequence)!)
            .ToDictionary(c => c.ModuleId, c => new CompletionBehind(c.Id, c.ModuleId, c.CompletedAt, c.ExpiresAt));
        if (CertificateRules.Behind(moduleIds, latest, clock.GetUtcNow()) is not { } behind) return null;

        var key = CertificateRules.CompletionKey(behind);
        if (await db.Certificates.AnyAsync(c => c.HolderId == employeeId && c.ProgramId == programId && c.CompletionKey == key, cancellationToken))
            return null;
        if (await db.Users.AsNoTracking().Where(u => u.Id == employeeId).Select(u => new { u.FullName, u.PreferredLanguage }).SingleOrDefaultAsync(cancellationToken) is not { } holder)
            return null;

        var standardIds = moduleIds.SelectMany(id => content.Modules[id].Default.Standards).Distinct().ToList();
        var certificate = new Certificate
        {
            Code = CertificateCode.NewCode(),
            HolderId = employeeId,
            HolderName = holder.FullName,
            ProgramId = program.Id,
            ProgramTitle = program.Title,
            Standards = string.Join('\n', standardIds.Select(id => content.Standards.FirstOrDefault(s => s.Id == id)?.Title ?? id)),
            Language = holder.PreferredLanguage is "fr" ? "fr" : "en",
            IssuedAt = CertificateRules.IssuedAt(behind),
            ExpiresAt = CertificateRules.ExpiresAt(behind),
            CompletionKey = key,
        };
        db.Certificates.Add(certificate);
        // Recertification: the certificates of earlier cycles now point to this one.
        var earlier = await db.Certificates
            .Where(c => c.HolderId == employeeId && c.ProgramId == programId && c.SupersededById == null && c.RevokedAt == null)
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
        logger.LogInformation("Issued certificate {Id} for program {Program} to employee {Employee}", certificate.Id, programId, employeeId);
        return certificate;
    }
}
