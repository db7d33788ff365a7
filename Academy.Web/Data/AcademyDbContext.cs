using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Academy.Web.Data;

/// <summary>The one model of Academy. On SQLite (the default) this type is used as is, with the migrations in
/// Data/Migrations; on PostgreSQL <see cref="PostgresAcademyDbContext"/> derives from it, with its own migration set.</summary>
public class AcademyDbContext : IdentityDbContext<Employee>, IDataProtectionKeyContext
{
    public AcademyDbContext(DbContextOptions<AcademyDbContext> options) : base(options)
    {
    }

    /// <summary>For a provider's derived context, whose options name its own type (EF keys migrations by context type).</summary>
    protected AcademyDbContext(DbContextOptions options) : base(options)
    {
    }

    public DbSet<ContentFile> ContentFiles => Set<ContentFile>();
    public DbSet<ContentVersion> ContentVersions => Set<ContentVersion>();
    public DbSet<ContentProblem> ContentProblems => Set<ContentProblem>();
    public DbSet<LessonView> LessonViews => Set<LessonView>();
    public DbSet<ModuleCompletion> ModuleCompletions => Set<ModuleCompletion>();
    public DbSet<QuizAttempt> QuizAttempts => Set<QuizAttempt>();
    public DbSet<QuizAnswer> QuizAnswers => Set<QuizAnswer>();
    public DbSet<ContentDraft> ContentDrafts => Set<ContentDraft>();
    public DbSet<ContentMedia> ContentMedia => Set<ContentMedia>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<AssignmentRule> AssignmentRules => Set<AssignmentRule>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<OutboxMail> MailOutbox => Set<OutboxMail>();
    public DbSet<ReviewItem> ReviewItems => Set<ReviewItem>();
    public DbSet<ReviewLog> ReviewLogs => Set<ReviewLog>();
    public DbSet<ExportRecord> ReportExports => Set<ExportRecord>();
    public DbSet<EmployeeImportFile> EmployeeImports => Set<EmployeeImportFile>();
    public DbSet<ServiceIdea> ServiceIdeas => Set<ServiceIdea>();
    public DbSet<IdeaMonthCount> IdeaMonthCounts => Set<IdeaMonthCount>();
    public DbSet<IdeaEndorsement> IdeaEndorsements => Set<IdeaEndorsement>();
    public DbSet<IdeaComment> IdeaComments => Set<IdeaComment>();
    public DbSet<ReportSubscription> ReportSubscriptions => Set<ReportSubscription>();
    public DbSet<ReportSend> ReportSends => Set<ReportSend>();
    public DbSet<MailAttachment> MailAttachments => Set<MailAttachment>();
    public DbSet<EmployeeTrainingCount> TrainingCounts => Set<EmployeeTrainingCount>();
    public DbSet<EmployeeTrainingGroupCount> TrainingGroupCounts => Set<EmployeeTrainingGroupCount>();

    /// <summary>The keys that sign cookies and antiforgery tokens, shared by every node of the site.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Lease> Leases => Set<Lease>();
    public DbSet<LineupCompletion> LineupCompletions => Set<LineupCompletion>();
    public DbSet<LineupAttendance> LineupAttendances => Set<LineupAttendance>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AcademyDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite cannot compare or order DateTimeOffset stored as text; as a number it can, and reports need both.
        if (Database.IsSqlite())
            builder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        builder.Properties<decimal>().HavePrecision(9, 4);
    }
}
