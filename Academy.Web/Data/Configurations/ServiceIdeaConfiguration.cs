using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Academy.Web.Data.Configurations;

public sealed class ServiceIdeaConfiguration : IEntityTypeConfiguration<ServiceIdea>
{
    public void Configure(EntityTypeBuilder<ServiceIdea> builder)
    {
        builder.Property(i => i.StandardId).HasMaxLength(100);
        builder.Property(i => i.Department).HasMaxLength(200);
        builder.Property(i => i.Text).HasMaxLength(1000);
        builder.Property(i => i.NotNowReason).HasMaxLength(500);
        // Two managers deciding at once: the second save finds the status changed and fails, so the monthly counts
        // (IdeaMonthCount, updated in the same transaction) never count one move twice.
        builder.Property(i => i.Status).IsConcurrencyToken();
        builder.HasOne(i => i.Author).WithMany().HasForeignKey(i => i.AuthorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Employee>().WithMany().HasForeignKey(i => i.DecidedById).OnDelete(DeleteBehavior.SetNull);
        // The double-post check looks up the author's latest ideas; the indicator counts ideas in practice by day.
        builder.HasIndex(i => new { i.AuthorId, i.PostedAt });
        // Two requests posting the same text at once both pass that check; these keys let only one be saved.
        builder.Property(i => i.TextHash).HasMaxLength(64);
        builder.HasIndex(i => new { i.AuthorId, i.TextHash, i.PostedSlot }).IsUnique();
        builder.HasIndex(i => new { i.AuthorId, i.TextHash, i.PostedShiftedSlot }).IsUnique();
        // The line-up's stories are the latest ideas in practice (Status, InPracticeOn). The other two columns served HR's
        // indicator, which now reads the monthly counts kept in IdeaMonthCounts instead.
        builder.HasIndex(i => new { i.Status, i.InPracticeOn, i.Department, i.StandardId });
        builder.HasIndex(i => new { i.Department, i.PostedAt });
        // A manager's indicator counts their team's ideas author by author, from this index alone: 50-100 → 0.6 ms for a
        // team of 19 over 100,000 ideas (without it SQLite walks every idea in practice of the year, looking each author up).
        builder.HasIndex(i => new { i.AuthorId, i.Status, i.InPracticeOn, i.Department, i.StandardId });
    }
}

public sealed class IdeaMonthCountConfiguration : IEntityTypeConfiguration<IdeaMonthCount>
{
    public void Configure(EntityTypeBuilder<IdeaMonthCount> builder)
    {
        builder.HasKey(c => new { c.Month, c.Department, c.StandardId });
        builder.Property(c => c.Department).HasMaxLength(200);
        builder.Property(c => c.StandardId).HasMaxLength(100);
    }
}

public sealed class IdeaEndorsementConfiguration : IEntityTypeConfiguration<IdeaEndorsement>
{
    public void Configure(EntityTypeBuilder<IdeaEndorsement> builder)
    {
        builder.HasKey(e => new { e.IdeaId, e.EmployeeId });
        builder.HasOne<ServiceIdea>().WithMany().HasForeignKey(e => e.IdeaId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Employee>().WithMany().HasForeignKey(e => e.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class IdeaCommentConfiguration : IEntityTypeConfiguration<IdeaComment>
{
    public void Configure(EntityTypeBuilder<IdeaComment> builder)
    {
        builder.Property(c => c.Text).HasMaxLength(1000);
        builder.HasIndex(c => new { c.IdeaId, c.PostedAt });
        builder.HasOne<ServiceIdea>().WithMany().HasForeignKey(c => c.IdeaId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Author).WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }
}
