using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Academy.Web.Data.Configurations;

public sealed class ExportRecordConfiguration : IEntityTypeConfiguration<ExportRecord>
{
    public void Configure(EntityTypeBuilder<ExportRecord> builder)
    {
        builder.ToTable("ReportExports");
        builder.Property(e => e.EmployeeName).HasMaxLength(200);
        builder.Property(e => e.Format).HasMaxLength(10);
        builder.Property(e => e.Filter).HasMaxLength(2000);
        builder.HasIndex(e => e.At);
        builder.HasOne<Employee>().WithMany().HasForeignKey(e => e.EmployeeId).OnDelete(DeleteBehavior.SetNull);
    }
}
