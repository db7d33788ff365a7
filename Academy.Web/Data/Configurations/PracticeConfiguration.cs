using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Academy.Web.Data.Configurations;

public sealed class ReviewItemConfiguration : IEntityTypeConfiguration<ReviewItem>
{
    public void Configure(EntityTypeBuilder<ReviewItem> builder)
    {
        builder.Property(i => i.ModuleId).HasMaxLength(100);
        builder.Property(i => i.QuizId).HasMaxLength(100);
        builder.Property(i => i.StepId).HasMaxLength(100);
        builder.Property(i => i.ContentHash).HasMaxLength(64);
        builder.HasIndex(i => new { i.EmployeeId, i.ModuleId, i.QuizId, i.StepId }).IsUnique();
        // The Review page asks for one employee's items due before a date.
        builder.HasIndex(i => new { i.EmployeeId, i.Due });
        // The line-up card counts the items reviewed today among the learner's thousands.
        builder.HasIndex(i => new { i.EmployeeId, i.LastReview });
        // A new version of a quiz re-queues or retires its items for every employee.
        builder.HasIndex(i => new { i.ModuleId, i.QuizId, i.StepId });
        builder.Ignore(i => i.Memory);
        builder.HasOne<Employee>().WithMany().HasForeignKey(i => i.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ReviewLogConfiguration : IEntityTypeConfiguration<ReviewLog>
{
    public void Configure(EntityTypeBuilder<ReviewLog> builder)
    {
        builder.Property(l => l.Choices).HasMaxLength(100);
        builder.HasIndex(l => new { l.ReviewItemId, l.Sequence }).IsUnique();
        builder.Ignore(l => l.ChoiceNumbers);
        builder.HasOne<ReviewItem>().WithMany().HasForeignKey(l => l.ReviewItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
