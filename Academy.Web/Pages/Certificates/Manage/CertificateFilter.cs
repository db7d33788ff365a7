using System.ComponentModel.DataAnnotations;
using Academy.Domain.Certificates;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Certificates.Manage;

/// <summary>HR's filter over certificates, shared by the list and its zip download so that the zip holds exactly the list.</summary>
public sealed class CertificateFilter
{
    public string? Program { get; set; }
    public string? Department { get; set; }
    public CertificateStatus? Status { get; set; }

    /// <summary>Valid certificates that expire within this many days.</summary>
    [Range(0, 3650, ErrorMessage = "Enter a number of days between {1} and {2}.")]
    [Display(Name = "Expiring within (days)")]
    public int? ExpiringWithin { get; set; }

    public sealed record Row(int Id, string Code, string HolderName, string? CurrentName, string? Department, string ProgramTitle,
        DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt, CertificateStatus Status);

    /// <summary>The certificates matching the filter, with their holder's department. The status conditions are
    /// <see cref="CertificateRules.Status"/> written so that the database can evaluate them.</summary>
    public IQueryable<Certificate> Query(AcademyDbContext db, DateTimeOffset now)
    {
        var query = db.Certificates.AsNoTracking();
        if (!string.IsNullOrEmpty(Program)) query = query.Where(c => c.ProgramId == Program);
        if (!string.IsNullOrEmpty(Department))
            query = query.Where(c => db.Users.Any(u => u.Id == c.HolderId && u.Department == Department));
        query = Status switch
        {
            CertificateStatus.Revoked => query.Where(c => c.RevokedAt != null),
            CertificateStatus.Superseded => query.Where(c => c.RevokedAt == null && c.SupersededById != null),
            CertificateStatus.Expired => query.Where(c => c.RevokedAt == null && c.SupersededById == null && c.ExpiresAt != null && c.ExpiresAt <= now),
            CertificateStatus.Valid => query.Where(c => c.RevokedAt == null && c.SupersededById == null && (c.ExpiresAt == null || c.ExpiresAt > now)),
            _ => query,
        };
        if (ExpiringWithin is { } days)
        {
            var until = now.AddDays(days);
            query = query.Where(c => c.RevokedAt == null && c.SupersededById == null && c.ExpiresAt != null && c.ExpiresAt > now && c.ExpiresAt <= until);
        }
        return query;
    }

    public async Task<List<Row>> RowsAsync(AcademyDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await (from c in Query(db, now)
                          join u in db.Users on c.HolderId equals u.Id
                          select new { c.Id, c.Code, c.HolderName, u.FullName, u.Department, c.ProgramTitle, c.IssuedAt, c.ExpiresAt, c.RevokedAt, c.SupersededById })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.HolderName, StringComparer.CurrentCulture).ThenByDescending(r => r.IssuedAt)
            .Select(r => new Row(r.Id, r.Code, r.HolderName, r.FullName, r.Department, r.ProgramTitle, r.IssuedAt, r.ExpiresAt,
                CertificateRules.Status(r.RevokedAt, r.SupersededById, r.ExpiresAt, now)))
            .ToList();
    }
}
