using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Academy.Web.Data.Configurations;

public sealed class EmployeeTrainingCountConfiguration : IEntityTypeConfiguration<EmployeeTrainingCount>
{
    public void Configure(EntityTypeBuilder<EmployeeTrainingCount> builder)
    {
        builder.HasKey(c => c.EmployeeId);
        builder.Property(c => c.Catalog).HasMaxLength(64);
        builder.HasOne<Employee>().WithMany().HasForeignKey(c => c.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class EmployeeTrainingGroupCountConfiguration : IEntityTypeConfiguration<EmployeeTrainingGroupCount>
{
    public void Configure(EntityTypeBuilder<EmployeeTrainingGroupCount> builder)
    {
        builder.HasKey(c => new { c.EmployeeId, c.Group });
        builder.Property(c => c.Group).HasMaxLength(120);
        builder.HasOne<EmployeeTrainingCount>().WithMany().HasForeignKey(c => c.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}
