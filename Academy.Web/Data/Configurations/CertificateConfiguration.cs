using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Academy.Web.Data.Configurations;

public sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(12).IsRequired();
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.HolderName).HasMaxLength(200).IsRequired();
        builder.Property(c => c.ProgramId).HasMaxLength(100).IsRequired();
        builder.Property(c => c.ProgramTitle).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Standards).HasMaxLength(4000);
        builder.Property(c => c.Language).HasMaxLength(8).IsRequired();
        builder.Property(c => c.CompletionKey).HasMaxLength(1000).IsRequired();
        builder.HasIndex(c => new { c.HolderId, c.ProgramId, c.CompletionKey, c.Edition }).IsUnique();
        builder.Property(c => c.RevokedByName).HasMaxLength(200);
        builder.Property(c => c.RevocationReason).HasMaxLength(500);
        builder.Ignore(c => c.StandardTitles);
        // A certificate outlives the account: employees are deactivated, not deleted, and a deletion must not erase what was certified.
        builder.HasOne<Employee>().WithMany().HasForeignKey(c => c.HolderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.SupersededBy).WithMany().HasForeignKey(c => c.SupersededById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.ExpiresAt);
    }
}
