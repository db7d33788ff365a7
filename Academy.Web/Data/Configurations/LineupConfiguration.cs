using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Academy.Web.Data.Configurations;

public sealed class LineupCompletionConfiguration : IEntityTypeConfiguration<LineupCompletion>
{
    public void Configure(EntityTypeBuilder<LineupCompletion> builder)
    {
        // One per day: the key that makes "done for today" idempotent, and the streak's index.
        builder.HasIndex(c => new { c.EmployeeId, c.Day }).IsUnique();
        builder.Property(c => c.StandardId).HasMaxLength(100);
        builder.HasOne<Employee>().WithMany().HasForeignKey(c => c.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class LineupAttendanceConfiguration : IEntityTypeConfiguration<LineupAttendance>
{
    public void Configure(EntityTypeBuilder<LineupAttendance> builder)
    {
        // A doubled submit of the attendance form records nobody twice.
        builder.HasIndex(a => new { a.EmployeeId, a.Day }).IsUnique();
        builder.Property(a => a.StandardId).HasMaxLength(100);
        builder.Property(a => a.RecordedById).HasMaxLength(450);
        builder.HasOne<Employee>().WithMany().HasForeignKey(a => a.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}
