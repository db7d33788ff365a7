using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Academy.Web.Data.Configurations;

public sealed class AssignmentRuleConfiguration : IEntityTypeConfiguration<AssignmentRule>
{
    public void Configure(EntityTypeBuilder<AssignmentRule> builder)
    {
        builder.Property(r => r.ItemKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.ItemId).HasMaxLength(100);
        builder.Property(r => r.DueKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.DueAfter).HasMaxLength(30);
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.HasOne<Employee>().WithMany().HasForeignKey(r => r.CreatedById).OnDelete(DeleteBehavior.SetNull);
        // A program's own audience is one row, refreshed in place by the sync.
        builder.HasIndex(r => new { r.ItemKind, r.ItemId }).IsUnique().HasFilter("FromContent = 1");
        builder.Ignore(r => r.Rule);
        builder.Ignore(r => r.Due);
    }
}

public sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> builder)
    {
        builder.Property(a => a.ItemKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.ItemId).HasMaxLength(100);
        builder.Property(a => a.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Reason).HasMaxLength(500);
        builder.HasIndex(a => new { a.EmployeeId, a.ItemKind, a.ItemId, a.Cycle }).IsUnique();
        // The overdue list and the reminders read open assignments by due date.
        builder.HasIndex(a => new { a.DueOn, a.CompletedAt, a.RemovedAt });
        // HR's rollups filtered on modules read those modules' assignments of every employee.
        builder.HasIndex(a => new { a.ItemId, a.EmployeeId });
        builder.HasOne<Employee>().WithMany().HasForeignKey(a => a.EmployeeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AssignmentRule>().WithMany().HasForeignKey(a => a.RuleId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(n => n.Key).HasMaxLength(300);
        builder.HasIndex(n => n.Key).IsUnique();
        builder.Property(n => n.ItemKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.ItemId).HasMaxLength(100);
        builder.HasIndex(n => new { n.EmployeeId, n.ReadAt });
        builder.HasIndex(n => n.MailedAt);
        builder.HasOne<Employee>().WithMany().HasForeignKey(n => n.EmployeeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Employee>().WithMany().HasForeignKey(n => n.AboutEmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> builder)
    {
        builder.ToTable("MailOutbox");
        builder.Property(m => m.Key).HasMaxLength(300);
        builder.HasIndex(m => m.Key).IsUnique();
        builder.Property(m => m.To).HasMaxLength(256);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.HasIndex(m => new { m.SentAt, m.FailedAt, m.NextAttemptAt });
        builder.HasOne<Employee>().WithMany().HasForeignKey(m => m.EmployeeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(m => m.Attachment).WithMany().HasForeignKey(m => m.AttachmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
