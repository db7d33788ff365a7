using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Academy.Web.Jobs;

/// <summary>Sends what waits in the outbox. A failure is retried with a growing delay; after the last attempt the mail
/// is marked failed, which admins see. Each mail's outcome is saved at once, so a restart resends nothing already sent.</summary>
public sealed class MailDispatchJob(AcademyDbContext db, MailSender sender, TimeProvider clock, IOptions<AcademyOptions> options, ILogger<MailDispatchJob> logger)
{
    /// <summary>The delay before each retry: after the 6th failed attempt the mail is given up.</summary>
    public static readonly TimeSpan[] Backoff = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(8)];

    public static int MaxAttempts => Backoff.Length + 1;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        long lastId = 0;
        while (true)
        {
            var now = clock.GetUtcNow();
            var batch = await db.MailOutbox
                .Where(m => m.Id > lastId && m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now)
                .OrderBy(m => m.Id).Take(options.Value.Jobs.BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0) break;
            lastId = batch[^1].Id;
            // Recipients of one scheduled report share its file: each is read once per batch.
            var attachmentIds = batch.Where(m => m.AttachmentId != null).Select(m => m.AttachmentId!.Value).Distinct().ToList();
            var attachments = attachmentIds.Count == 0 ? new Dictionary<long, MailAttachment>()
                : await db.MailAttachments.AsNoTracking().Where(a => attachmentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
            foreach (var mail in batch)
            {
                try
                {
                    await sender.SendAsync(mail, mail.AttachmentId is { } a ? attachments[a] : null, cancellationToken);
                    mail.SentAt = clock.GetUtcNow();
                    mail.LastError = null;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    mail.Attempts++;
                    mail.LastError = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                    if (mail.Attempts >= MaxAttempts) mail.FailedAt = clock.GetUtcNow();
                    else mail.NextAttemptAt = clock.GetUtcNow() + Backoff[mail.Attempts - 1];
                    logger.LogWarning("Mail {Id} to {To} failed (attempt {Attempts}): {Error}", mail.Id, mail.To, mail.Attempts, mail.LastError);
                }
                await db.SaveChangesAsync(cancellationToken);
            }
            db.ChangeTracker.Clear();
        }
        await FreeAttachmentsAsync(cancellationToken);
    }

    /// <summary>A report's file is kept until every mail that carries it is sent (a failed one may be retried by an
    /// admin), then freed: the outbox keeps the mails' text, not megabytes of files already delivered.</summary>
    private async Task FreeAttachmentsAsync(CancellationToken cancellationToken)
    {
        var delivered = db.MailAttachments.Where(a => !db.MailOutbox.Any(m => m.AttachmentId == a.Id && m.SentAt == null)).Select(a => (long?)a.Id);
        await db.MailOutbox.Where(m => m.AttachmentId != null && delivered.Contains(m.AttachmentId))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.AttachmentId, (long?)null), cancellationToken);
        await db.MailAttachments.Where(a => !db.MailOutbox.Any(m => m.AttachmentId == a.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}
