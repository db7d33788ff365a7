using System.Globalization;
using System.Net;
using System.Text;
using Academy.Domain.Assignments;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Academy.Web.Jobs;

/// <summary>Daily: the due-date reminders (a week before, the day before, the day, overdue with a copy to the manager),
/// the certificates that expire within a week, then one digest per person of everything not yet mailed, in their language, into the outbox. Each notice and each
/// digest (one per person and day) has a unique key, so a second run adds nothing.</summary>
public sealed class ReminderJob(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, IOptions<AcademyOptions> options,
    IStringLocalizer<SharedResource> t, ILogger<ReminderJob> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await RemindAsync(now, cancellationToken);
        await CertificatesExpiringAsync(now, cancellationToken);
        await ComposeDigestsAsync(now, cancellationToken);
    }

    /// <summary>"Your certificate … expires on …", once per certificate, in the week before it expires: only the holder's
    /// current certificate (not revoked, not superseded by a recertification), and only to an active holder.</summary>
    private async Task CertificatesExpiringAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var until = now + Refresher.ExpiryWarning;
        long lastId = 0;
        while (true)
        {
            var batch = await db.Certificates.AsNoTracking()
                .Where(c => c.Id > lastId && c.RevokedAt == null && c.SupersededById == null && c.ExpiresAt != null && c.ExpiresAt > now && c.ExpiresAt <= until)
                .Join(db.Users.Where(u => u.IsActive), c => c.HolderId, u => u.Id, (c, u) => new { c.Id, c.HolderId, c.ProgramId, ExpiresAt = c.ExpiresAt!.Value })
                .OrderBy(c => c.Id).Take(options.Value.Jobs.BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0) break;
            lastId = batch[^1].Id;
            var notices = batch.Select(c => new Notification
            {
                EmployeeId = c.HolderId, Kind = NoticeKind.CertificateExpiresInAWeek, Key = $"{NoticeKind.CertificateExpiresInAWeek}:{c.Id}",
                // What the certificate is for, so the notice names it in the holder's language.
                ItemKind = CertificateSubject.ModuleOf(c.ProgramId) is null ? ItemKind.Program : ItemKind.Module,
                ItemId = CertificateSubject.ModuleOf(c.ProgramId) ?? c.ProgramId,
                DueOn = DateOnly.FromDateTime(c.ExpiresAt.UtcDateTime), CreatedAt = now,
            }).ToList();
            await Notices.AddNewAsync(db, notices, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    private async Task RemindAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var horizon = today.AddDays(7);
        var content = catalog.Current;
        long lastId = 0;
        while (true)
        {
            var batch = await db.Assignments.AsNoTracking()
                .Where(a => a.Id > lastId && a.CompletedAt == null && a.RemovedAt == null && a.DueOn != null && a.DueOn <= horizon)
                .OrderBy(a => a.Id).Take(options.Value.Jobs.BatchSize)
                .Select(a => new { a.Id, a.EmployeeId })
                .ToListAsync(cancellationToken);
            if (batch.Count == 0) break;
            lastId = batch[^1].Id;
            // Work finished since the last sync is not reminded of.
            await AssignmentCompletions.MarkAsync(db, batch.Select(a => a.EmployeeId).Distinct().ToList(), content, now, cancellationToken);
            var ids = batch.Select(a => a.Id).ToList();
            var open = await db.Assignments.AsNoTracking()
                .Where(a => ids.Contains(a.Id) && a.CompletedAt == null)
                .Join(db.Users.Where(u => u.IsActive), a => a.EmployeeId, u => u.Id, (a, u) => new { a.Id, a.EmployeeId, a.ItemKind, a.ItemId, a.Source, DueOn = a.DueOn!.Value, u.ManagerId })
                .ToListAsync(cancellationToken);
            var notices = new List<Notification>();
            foreach (var a in open)
            {
                if (Reminders.ForDueDate(a.DueOn, today) is not { } kind) continue;
                // A refresher's own notices (window open, a week before expiry) already say when it is due.
                if (a.Source == AssignmentSource.Refresher && kind != NoticeKind.Overdue) continue;
                notices.Add(new Notification { EmployeeId = a.EmployeeId, Kind = kind, Key = $"{kind}:{a.Id}", ItemKind = a.ItemKind, ItemId = a.ItemId, DueOn = a.DueOn, CreatedAt = now });
                if (kind == NoticeKind.Overdue && a.ManagerId is { } manager)
                    notices.Add(new Notification
                    {
                        EmployeeId = manager, Kind = NoticeKind.TeamOverdue, Key = $"{NoticeKind.TeamOverdue}:{a.Id}", ItemKind = a.ItemKind, ItemId = a.ItemId,
                        AboutEmployeeId = a.EmployeeId, DueOn = a.DueOn, CreatedAt = now,
                    });
            }
            await Notices.AddNewAsync(db, notices, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    private async Task ComposeDigestsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(now.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var content = catalog.Current;
        var baseUrl = options.Value.PublicUrl.TrimEnd('/');
        var composed = 0;
        var after = "";
        while (true)
        {
            var employees = await db.Notifications.AsNoTracking()
                .Where(n => n.MailedAt == null && string.Compare(n.EmployeeId, after) > 0)
                .Select(n => n.EmployeeId).Distinct().OrderBy(id => id).Take(options.Value.Jobs.BatchSize)
                .ToListAsync(cancellationToken);
            if (employees.Count == 0) break;
            after = employees[^1];
            var keys = employees.Select(id => $"digest:{id}:{day}").ToList();
            var sentToday = (await db.MailOutbox.AsNoTracking().Where(m => keys.Contains(m.Key)).Select(m => m.EmployeeId!).ToListAsync(cancellationToken)).ToHashSet();
            var waiting = employees.Where(id => !sentToday.Contains(id)).ToList();
            var people = await db.Users.AsNoTracking().Where(u => waiting.Contains(u.Id))
                .Select(u => new { u.Id, u.Email, u.FullName, u.PreferredLanguage, u.DigestOptOut, u.IsActive }).ToDictionaryAsync(u => u.Id, cancellationToken);
            var notices = (await db.Notifications.Where(n => waiting.Contains(n.EmployeeId) && n.MailedAt == null).OrderBy(n => n.Id).ToListAsync(cancellationToken))
                .ToLookup(n => n.EmployeeId);
            var aboutIds = notices.SelectMany(g => g).Where(n => n.AboutEmployeeId != null).Select(n => n.AboutEmployeeId!).Distinct().ToList();
            var names = await db.Users.AsNoTracking().Where(u => aboutIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
            foreach (var id in waiting)
            {
                var person = people[id];
                var mine = notices[id].ToList();
                var mailable = person.IsActive && person.Email is not null
                    ? mine.Where(n => !person.DigestOptOut || Reminders.IgnoresDigestOptOut(n.Kind)).ToList()
                    : [];
                // Left out of the digest (turned off, or no address): marked, so they are not looked at again.
                foreach (var notice in mine) notice.MailedAt = now;
                if (mailable.Count == 0) continue;
                var (subject, text, html) = Digest(person.FullName, person.PreferredLanguage ?? "en", mailable, content, names, baseUrl);
                db.MailOutbox.Add(new OutboxMail
                {
                    Key = $"digest:{id}:{day}", EmployeeId = id, To = person.Email!, Subject = subject, Text = text, Html = html,
                    CreatedAt = now, NextAttemptAt = now,
                });
                composed++;
            }
            // The digest and its notices' mark commit together: a crash leaves both to the next run.
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        logger.LogInformation("Reminders: {Count} digests composed", composed);
    }

    private (string Subject, string Text, string Html) Digest(string name, string language, List<Notification> notices, PublishedContent content,
        Dictionary<string, string> names, string baseUrl)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(language);
        try
        {
            var subject = t["Your Academy training: {0}", notices.Count == 1 ? t["1 update"] : t["{0} updates", notices.Count]].Value;
            var greeting = t["Hello {0},", name].Value;
            var intro = t["Here is what needs your attention in Academy."].Value;
            var optOut = t["You receive this daily digest because you have training in Academy. You can turn it off on your notifications page; overdue notices are still sent."].Value;
            var notificationsUrl = $"{baseUrl}/notifications";
            var text = new StringBuilder().AppendLine(greeting).AppendLine().AppendLine(intro).AppendLine();
            var html = new StringBuilder($"<!DOCTYPE html><html lang=\"{language}\"><head><meta charset=\"utf-8\"><title>{Enc(subject)}</title></head><body>")
                .Append($"<p>{Enc(greeting)}</p><p>{Enc(intro)}</p><ul>");
            foreach (var notice in notices)
            {
                var line = NoticeText.Of(notice.Kind, NoticeText.Title(content, notice.ItemKind, notice.ItemId, language), notice.DueOn,
                    notice.AboutEmployeeId is { } about ? names.GetValueOrDefault(about) : null, t);
                var url = baseUrl + NoticeText.Path(notice);
                text.AppendLine($"- {line}").AppendLine($"  {url}");
                html.Append($"<li><a href=\"{Enc(url)}\">{Enc(line)}</a></li>");
            }
            var myLearning = t["Open My learning"].Value;
            text.AppendLine().AppendLine($"{myLearning}: {baseUrl}/").AppendLine().AppendLine(optOut).AppendLine(notificationsUrl);
            html.Append($"</ul><p><a href=\"{Enc(baseUrl + "/")}\">{Enc(myLearning)}</a></p><p><small>{Enc(optOut)} <a href=\"{Enc(notificationsUrl)}\">{Enc(notificationsUrl)}</a></small></p></body></html>");
            return (subject, text.ToString(), html.ToString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static string Enc(string value) => WebUtility.HtmlEncode(value);
}
