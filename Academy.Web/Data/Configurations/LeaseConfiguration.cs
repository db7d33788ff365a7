using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Academy.Web.Data.Configurations;

public sealed class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> builder)
    {
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(50);
        builder.Property(l => l.Holder).HasMaxLength(200);
        builder.Property(l => l.CompletedBy).HasMaxLength(200);
        // The row exists from the start, free: taking it is then an UPDATE only, never an INSERT that two nodes race.
        builder.HasData(new Lease { Name = Lease.ContentImport, ExpiresAt = DateTimeOffset.UnixEpoch });
    }
}
