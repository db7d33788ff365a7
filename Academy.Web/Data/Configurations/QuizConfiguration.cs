using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Academy.Web.Data.Configurations;

public sealed class QuizAttemptConfiguration : IEntityTypeConfiguration<QuizAttempt>
{
    public void Configure(EntityTypeBuilder<QuizAttempt> builder)
    {
        builder.Property(a => a.ModuleId).HasMaxLength(100);
        builder.Property(a => a.QuizId).HasMaxLength(100);
        builder.HasIndex(a => new { a.EmployeeId, a.ModuleId, a.QuizId });
        builder.HasIndex(a => new { a.ModuleId, a.EmployeeId });
        // One unfinished attempt per employee and quiz: a double click on "Start" resumes instead of forking.
        builder.HasIndex(a => new { a.EmployeeId, a.ModuleId, a.QuizId }, "IX_QuizAttempts_Open").IsUnique().HasFilter("FinishedAt IS NULL");
        builder.HasOne<Employee>().WithMany().HasForeignKey(a => a.EmployeeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ContentVersion>().WithMany().HasForeignKey(a => a.ContentVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Answers).WithOne().HasForeignKey(a => a.QuizAttemptId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class QuizAnswerConfiguration : IEntityTypeConfiguration<QuizAnswer>
{
    public void Configure(EntityTypeBuilder<QuizAnswer> builder)
    {
        builder.Property(a => a.StepId).HasMaxLength(100);
        builder.Property(a => a.Choices).HasMaxLength(100);
        builder.HasIndex(a => new { a.QuizAttemptId, a.StepId }).IsUnique();
        builder.HasIndex(a => new { a.QuizAttemptId, a.Sequence }).IsUnique();
        builder.Ignore(a => a.ChoiceNumbers);
    }
}
