using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Academy.Web.Data.Configurations;

public sealed class ContentDraftConfiguration : IEntityTypeConfiguration<ContentDraft>
{
    public void Configure(EntityTypeBuilder<ContentDraft> builder)
    {
        builder.Property(d => d.Path).HasMaxLength(300);
        builder.HasIndex(d => d.Path).IsUnique();
        builder.Property(d => d.UpdatedBy).HasMaxLength(256);
        builder.Property(d => d.Revision).IsConcurrencyToken();
    }
}

public sealed class ContentMediaConfiguration : IEntityTypeConfiguration<ContentMedia>
{
    public void Configure(EntityTypeBuilder<ContentMedia> builder)
    {
        builder.Property(m => m.ModuleId).HasMaxLength(100);
        builder.Property(m => m.FileName).HasMaxLength(100);
        builder.Property(m => m.ContentType).HasMaxLength(50);
        builder.Property(m => m.UploadedBy).HasMaxLength(256);
        builder.HasIndex(m => new { m.ModuleId, m.FileName }).IsUnique();
    }
}
