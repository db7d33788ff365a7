using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Academy.Web.Data.Configurations;

public sealed class ContentFileConfiguration : IEntityTypeConfiguration<ContentFile>
{
    public void Configure(EntityTypeBuilder<ContentFile> builder)
    {
        builder.Property(f => f.Path).HasMaxLength(300).IsRequired();
        builder.HasIndex(f => f.Path).IsUnique();
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.DocumentId).HasMaxLength(200).IsRequired();
        builder.Property(f => f.Language).HasMaxLength(8);
        builder.HasMany(f => f.Versions).WithOne(v => v.ContentFile).HasForeignKey(v => v.ContentFileId);
    }
}

public sealed class ContentVersionConfiguration : IEntityTypeConfiguration<ContentVersion>
{
    public void Configure(EntityTypeBuilder<ContentVersion> builder)
    {
        // Two imports racing for the same next number: the unique key makes the second one fail instead of forking history.
        builder.HasIndex(v => new { v.ContentFileId, v.Number }).IsUnique();
        builder.Property(v => v.Hash).HasMaxLength(64).IsRequired();
        builder.Property(v => v.Origin).HasConversion<string>().HasMaxLength(10);
        builder.Property(v => v.Author).HasMaxLength(256);
    }
}

public sealed class ContentProblemConfiguration : IEntityTypeConfiguration<ContentProblem>
{
    public void Configure(EntityTypeBuilder<ContentProblem> builder)
    {
        builder.Property(p => p.Path).HasMaxLength(300);
        builder.HasIndex(p => p.Path);
    }
}
