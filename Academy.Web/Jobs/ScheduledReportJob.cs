using System.Globalization;
using System.Net;
using System.Text;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Academy.Web.Pages.Reports;
using Academy.Web.Pages.Reports.Subscriptions;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Academy.Web.Jobs;

/// <summary>Mails the scheduled reports that are due. Each subscription's send is recorded per period with its mails in
/// one transaction (a unique key on subscription and period), so a second run in the same week or month sends nothing.
/// The file is written to a temporary file as the rows are read, then attached when it is under the limit; otherwise
/// the mail carries a signed link that expires.</summary>
public sealed class ScheduledReportJob(
    AcademyDbContext db, ContentCatalog catalog, ReportLinks links, ILookupNormalizer normalizer, IBackgroundJobClient jobs, TimeProvider clock,
    IOptions<AcademyOptions> options, IStringLocalizer<SharedResource> t, ILogger<ScheduledReportJob> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var subscriptions = await db.ReportSubscriptions.AsNoTracking().Where(s => !s.Paused).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var mailed = 0;
        foreach (var subscription in subscriptions)
        {
            var schedule = subscription.Schedule;
            var period = schedule.Period(today);
            var sent = await db.ReportSends.AnyAsync(s => s.SubscriptionId == subscription.Id && s.Period == period, cancellationToken);
            if (!schedule.IsDue(today, DateOnly.FromDateTime(subscription.CreatedAt.UtcDateTime), sent)) continue;
            try
            {
                mailed += await SendAsync(subscription, period, now, cancellationToken);
            }
            catch (DbUpdateException e)
            {
                // Another run recorded this period first (the unique key): it sent the mails, this one sends nothing.
                logger.LogInformation(e, "Scheduled report {Id} for {Period} was recorded by another run", subscription.Id, period);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Nothing of this one was saved: the next run tries again; the other subscriptions go now.
                logger.LogError(e, "Scheduled report {Id} for {Period} failed", subscription.Id, period);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        if (mailed > 0) jobs.Enqueue<MailDispatchJob>(j => j.RunAsync(CancellationToken.None));
        logger.LogInformation("Scheduled reports: {Count} mails composed", mailed);
    }

    /// <returns>The mails put in the outbox.</returns>
    private async Task<int> SendAsync(ReportSubscription subscription, string period, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var send = new ReportSend { SubscriptionId = subscription.Id, Period = period, At = now };
        db.ReportSends.Add(send);
        var scope = await ScheduledReport.OwnerScopeAsync(db, subscription.OwnerId, cancellationToken);
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == subscription.OwnerId)
            .Select(u => new { u.FullName, u.PreferredLanguage }).SingleAsync(cancellationToken);
        if (scope is null)
        {
            send.Outcome = ReportSendOutcome.NotAllowed;
            await db.SaveChangesAsync(cancellationToken);
            return 0;
        }

        // Each recipient reads the mail, and the file, in their own language when they are an employee, else the owner's.
        var addresses = subscription.Recipients.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var normalized = addresses.Select(a => normalizer.NormalizeEmail(a)).ToList();
        var languages = await db.Users.AsNoTracking().Where(u => u.IsActive && u.PreferredLanguage != null && normalized.Contains(u.NormalizedEmail!))
            .Select(u => new { u.NormalizedEmail, u.PreferredLanguage }).ToListAsync(cancellationToken);
        var languageOf = languages.GroupBy(l => l.NormalizedEmail!).ToDictionary(g => g.Key, g => g.First().PreferredLanguage!);
        var groups = addresses.Select((address, index) => (Address: address, Index: index))
            .GroupBy(r => Supported(languageOf.GetValueOrDefault(normalizer.NormalizeEmail(r.Address)) ?? owner.PreferredLanguage));

        var filter = ReportFilter.FromQueryString(subscription.Filter);
        var mails = 0;
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var group in groups)
            {
                CultureInfo.CurrentUICulture = new CultureInfo(group.Key);
                var report = new CompletionReport(db, catalog.Current, scope, filter, now);
                await using var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
                send.Rows = await ReportExport.WriteReportAsync(file, subscription.Format, report, t, cancellationToken);
                // The first language's file decides: every language holds the same rows.
                if (send.Rows == 0 && subscription.SkipEmpty)
                {
                    send.Outcome = ReportSendOutcome.SkippedEmpty;
                    break;
                }
                MailAttachment? attachment = null;
                string? link = null;
                DateTimeOffset expires = default;
                if (file.Length <= options.Value.Reports.AttachmentLimitBytes)
                {
                    var bytes = new byte[file.Length];
                    file.Position = 0;
                    await file.ReadExactlyAsync(bytes, cancellationToken);
                    attachment = new MailAttachment
                    {
                        FileName = ReportExport.FileName(subscription.Format, now), ContentType = ReportExport.ContentType(subscription.Format), Content = bytes,
                    };
                    db.MailAttachments.Add(attachment);
                    send.Outcome = ReportSendOutcome.Attached;
                }
                else
                {
                    var token = links.Create(subscription.Id, period, out expires);
                    link = $"{options.Value.PublicUrl.TrimEnd('/')}/reports/download?token={Uri.EscapeDataString(token)}";
                    send.Outcome = ReportSendOutcome.Link;
                }
                var (subject, text, html) = Compose(owner.FullName, subscription, send.Rows, now, attachment?.FileName, link, expires);
                foreach (var (address, index) in group)
                {
                    db.MailOutbox.Add(new OutboxMail
                    {
                        Key = $"report:{subscription.Id}:{period}:{index}", To = address, Subject = subject, Text = text, Html = html,
                        CreatedAt = now, NextAttemptAt = now, Attachment = attachment,
                    });
                    mails++;
                }
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
        await db.SaveChangesAsync(cancellationToken);
        return mails;
    }

    private static string Supported(string? language) => language is "fr" ? "fr" : "en";

    private (string Subject, string Text, string Html) Compose(string owner, ReportSubscription subscription, int rows, DateTimeOffset now,
        string? fileName, string? link, DateTimeOffset expires)
    {
        var baseUrl = options.Value.PublicUrl.TrimEnd('/');
        var reportUrl = $"{baseUrl}/reports" + (subscription.Filter.Length > 0 ? "?" + subscription.Filter : "");
        var culture = CultureInfo.CurrentUICulture;
        var subject = t["Completion report of {0}", now.ToString("d", culture)].Value;
        var intro = t["{0} scheduled this completion report for you.", owner].Value;
        var filter = subscription.Filter.Length == 0 ? t["No filter"].Value : ScheduledReport.Describe(subscription.Filter);
        var filterLine = t["Filter: {0}", filter].Value;
        var count = t.Plural(rows, "It lists {0} employee.", "It lists {0} employees.").Value;
        var file = link is null
            ? t["The file is attached: {0}.", fileName!].Value
            : t["The file is too large to attach. Download it before {0}:", expires.ToString("g", culture)].Value;
        var open = t["Open the report in Academy"].Value;
        var why = t["You receive this because {0} subscribed this address. They can change or stop it on the scheduled reports page.", owner].Value;
        var text = new StringBuilder().AppendLine(intro).AppendLine(filterLine).AppendLine(count).AppendLine().AppendLine(file);
        if (link is not null) text.AppendLine(link);
        text.AppendLine().AppendLine($"{open}: {reportUrl}").AppendLine().AppendLine(why);
        var html = new StringBuilder($"<!DOCTYPE html><html lang=\"{culture.TwoLetterISOLanguageName}\"><head><meta charset=\"utf-8\"><title>{Enc(subject)}</title></head><body>")
            .Append($"<p>{Enc(intro)}</p><p>{Enc(filterLine)}<br>{Enc(count)}</p><p>{Enc(file)}");
        if (link is not null) html.Append($" <a href=\"{Enc(link)}\">{Enc(link)}</a>");
        html.Append($"</p><p><a href=\"{Enc(reportUrl)}\">{Enc(open)}</a></p><p><small>{Enc(why)}</small></p></body></html>");
        return (subject, text.ToString(), html.ToString());
    }

    private static string Enc(string value) => WebUtility.HtmlEncode(value);
}
