using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Academy.Web.Data.Configurations;

public sealed class ReportSubscriptionConfiguration : IEntityTypeConfiguration<ReportSubscription>
{
    public void Configure(EntityTypeBuilder<ReportSubscription> builder)
    {
        builder.ToTable("ReportSubscriptions");
        builder.Property(s => s.Filter).HasMaxLength(2000);
        builder.Property(s => s.Format).HasMaxLength(10);
        builder.Property(s => s.Recipients).HasMaxLength(6000);
        builder.Property(s => s.Frequency).HasConversion<string>().HasMaxLength(10);
        builder.Ignore(s => s.Schedule);
        // A subscription goes with its owner: nobody else answers for where it mails.
        builder.HasOne<Employee>().WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ReportSendConfiguration : IEntityTypeConfiguration<ReportSend>
{
    public void Configure(EntityTypeBuilder<ReportSend> builder)
    {
        builder.ToTable("ReportSends");
        builder.Property(s => s.Period).HasMaxLength(10);
        builder.Property(s => s.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(s => new { s.SubscriptionId, s.Period }).IsUnique();
        builder.HasOne<ReportSubscription>().WithMany().HasForeignKey(s => s.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MailAttachmentConfiguration : IEntityTypeConfiguration<MailAttachment>
{
    public void Configure(EntityTypeBuilder<MailAttachment> builder)
    {
        builder.ToTable("MailAttachments");
        builder.Property(a => a.FileName).HasMaxLength(200);
        builder.Property(a => a.ContentType).HasMaxLength(100);
    }
}
