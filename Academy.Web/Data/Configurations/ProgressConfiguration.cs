using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Academy.Web.Data.Configurations;

public sealed class LessonViewConfiguration : IEntityTypeConfiguration<LessonView>
{
    public void Configure(EntityTypeBuilder<LessonView> builder)
    {
        builder.HasKey(v => new { v.EmployeeId, v.ModuleId, v.LessonNumber });
        builder.Property(v => v.ModuleId).HasMaxLength(100);
        // HR's rollups filtered on modules read those modules' rows of every employee.
        builder.HasIndex(v => new { v.ModuleId, v.EmployeeId });
        builder.HasOne<Employee>().WithMany().HasForeignKey(v => v.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ModuleCompletionConfiguration : IEntityTypeConfiguration<ModuleCompletion>
{
    public void Configure(EntityTypeBuilder<ModuleCompletion> builder)
    {
        builder.Property(c => c.ModuleId).HasMaxLength(100);
        builder.HasIndex(c => new { c.EmployeeId, c.ModuleId, c.Sequence }).IsUnique();
        // The refresher scan walks completions in expiry order up to its horizon; reports of expiring training too.
        builder.HasIndex(c => c.ExpiresAt);
        builder.HasIndex(c => new { c.ModuleId, c.EmployeeId });
        builder.HasOne<Employee>().WithMany().HasForeignKey(c => c.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}
