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
