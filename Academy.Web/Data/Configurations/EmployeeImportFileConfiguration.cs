using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Academy.Web.Data.Configurations;

public sealed class EmployeeImportFileConfiguration : IEntityTypeConfiguration<EmployeeImportFile>
{
    public void Configure(EntityTypeBuilder<EmployeeImportFile> builder)
    {
        builder.ToTable("EmployeeImports");
        builder.Property(f => f.FileName).HasMaxLength(260);
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Error).HasMaxLength(2000);
        builder.HasIndex(f => f.UploadedAt);
        builder.HasOne<Employee>().WithMany().HasForeignKey(f => f.UploadedById).OnDelete(DeleteBehavior.Cascade);
    }
}
