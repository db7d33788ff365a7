using System.Text.Json;
using Academy.Domain.Assignments;
using Academy.Domain.Certificates;
using Academy.Web.Data;
using Academy.Web.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

[Collection(HostCollection.Name)]
public sealed class CertificateIssuingTests(AcademyFactory factory)
{
    private IReadOnlyList<string> Onboarding => factory.Services.GetRequiredService<ContentCatalog>().Current.Programs.Single(p => p.Id == "onboarding").ModuleIds;

    [Fact]
    public async Task MissedWorkScan_IssuesTheCertificatesThatAreDueButMissing_AndNothingTheSecondTime()
    {
        // Completions committed whose job never ran: the process stopped between the commit and the queue.
        var (done, _) = await factory.NewEmployeeAsync("Mira Koch");
        var (halfway, _) = await factory.NewEmployeeAsync("Half Way");
        await factory.RecordCompletionsAsync(done, Onboarding);
        await factory.RecordCompletionsAsync(halfway, Onboarding.SkipLast(1));

        using var scope = factory.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<CertificateIssueJob>();
        Assert.True(await job.RunMissedAsync(CancellationToken.None) >= 1);
        Assert.Equal(0, await job.RunMissedAsync(CancellationToken.None));

        // Onboarding holds every module of back-office too: both certificates were due.
        var issued = await factory.WithDbAsync(db => db.Certificates.Where(c => c.HolderId == done).OrderBy(c => c.ProgramId).ToListAsync());
        Assert.Equal(["back-office", "onboarding"], issued.Select(c => c.ProgramId));
        Assert.All(issued, c => Assert.Equal("Mira Koch", c.HolderName));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Certificates.CountAsync(c => c.HolderId == halfway)));
    }

    [Fact]
    public async Task IssueJob_QueuedTwiceForTheSameCompletion_IssuesOneCertificate()
    {
        var (id, _) = await factory.NewEmployeeAsync("Twice Queued");
        await factory.RecordCompletionsAsync(id, Onboarding);
        var jobs = factory.Services.GetRequiredService<IBackgroundJobClient>();

        CertificateIssueJob.Enqueue(jobs, id, Onboarding[^1]);
        CertificateIssueJob.Enqueue(jobs, id, Onboarding[^1]);
        Assert.True(await factory.RunEnqueuedJobsAsync() >= 2);

        Assert.Equal(1, await factory.WithDbAsync(db => db.Certificates.CountAsync(c => c.HolderId == id && c.ProgramId == "onboarding")));
    }

    [Fact]
    public void RecurringScan_IsRegistered()
    {
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        var recurring = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection);
        var scan = Assert.Single(recurring, j => j.Id == JobSchedule.CertificateScan);
        Assert.Equal(nameof(CertificateIssueJob.RunMissedAsync), scan.Job.Method.Name);
    }
}

/// <summary>A module with <c>certificate: true</c> of its own, on a copy of the content.</summary>
[Collection(HostCollection.Name)]
public sealed class ModuleCertificateTests : IDisposable
{
    private readonly EditableContentFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task ModuleWithCertificate_IssuesACertificateForTheModule_WhenItAloneIsCompleted()
    {
        const string path = "modules/guest-preferences/module.md";
        _ = _site.Services; // started on the unchanged content, as a trainer's edit finds it
        _site.Write(path, _site.Read(path).Replace("\nkind:", "\ncertificate: true\nkind:", StringComparison.Ordinal));
        Assert.Equal(1, (await _site.ImportAsync()).NewVersions);
        var module = _site.Services.GetRequiredService<ContentCatalog>().Current.Module("guest-preferences")!;
        Assert.True(module.Default.Certificate);
        var (id, _) = await _site.NewEmployeeAsync("Sofia Marin", "fr");

        await _site.RecordCompletionsAsync(id, ["guest-preferences"]);
        CertificateIssueJob.Enqueue(_site.Services.GetRequiredService<IBackgroundJobClient>(), id, "guest-preferences");
        await _site.RunEnqueuedJobsAsync();
        using (var scope = _site.Services.CreateScope())
            Assert.Null(await scope.ServiceProvider.GetRequiredService<CertificateIssueJob>().RunAsync(id, "module:guest-preferences", CancellationToken.None));

        // Onboarding is not complete: the module's own certificate is the only one.
        var certificate = Assert.Single(await _site.WithDbAsync(db => db.Certificates.Where(c => c.HolderId == id).ToListAsync()));
        Assert.Equal("module:guest-preferences", certificate.ProgramId);
        Assert.Equal(module.Default.Title, certificate.ProgramTitle);
        Assert.Equal("fr", certificate.Language);
        var response = await _site.AnonymousClient().GetAsync($"/verify/{CertificateCode.Format(certificate.Code)}.json");
        var badge = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("badge");
        Assert.EndsWith("/modules/guest-preferences", badge.GetProperty("id").GetString());
        Assert.Equal(module.Default.Title, badge.GetProperty("name").GetString());
    }
}

/// <summary>The reminders on a clock the test moves: a certificate's expiry is announced once, a week before.</summary>
[Collection(HostCollection.Name)]
public sealed class CertificateReminderTests
{
    [Fact]
    public async Task Digest_SaysInTheHoldersLanguage_ThatTheCertificateExpires_AWeekBefore_Once()
    {
        using var site = new ClockFactory();
        var (id, _) = await site.NewEmployeeAsync("Chloé Bernard", "fr");
        var certificate = await site.CompleteProgramAsync(id, at: site.Clock.GetUtcNow());
        var expires = certificate.ExpiresAt!.Value; // the shortest refresher of onboarding's modules
        await site.RunAllJobsAsync();

        site.Clock.SetUtcNow(expires.AddDays(-8));
        await site.RunAllJobsAsync();
        Assert.Equal(0, await CertificateNoticesAsync(site, id));

        site.Clock.SetUtcNow(expires.AddDays(-6));
        await site.RunAllJobsAsync();
        await site.RunAllJobsAsync();

        Assert.Equal(1, await CertificateNoticesAsync(site, id));
        var notice = await site.WithDbAsync(db => db.Notifications.SingleAsync(n => n.EmployeeId == id && n.Kind == NoticeKind.CertificateExpiresInAWeek && n.ItemId == "onboarding"));
        Assert.Equal(DateOnly.FromDateTime(expires.UtcDateTime), notice.DueOn);
        var digest = await site.WithDbAsync(db => db.MailOutbox.Where(m => m.EmployeeId == id).OrderBy(m => m.Id).Select(m => m.Text).ToListAsync());
        var date = expires.UtcDateTime.ToString("d MMMM yyyy", new System.Globalization.CultureInfo("fr"));
        Assert.Single(digest, text => text.Contains($"Votre certificat «\u202FOnboarding\u202F» expire le {date}.", StringComparison.Ordinal));
        Assert.Contains(digest, text => text.Contains("http://localhost:5000/certificates", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoExpiryNotice_ForARevokedOrSupersededCertificate()
    {
        using var site = new ClockFactory();
        var (revokedId, _) = await site.NewEmployeeAsync("Revoked Holder");
        var (renewedId, _) = await site.NewEmployeeAsync("Renewed Holder");
        var revoked = await site.CompleteProgramAsync(revokedId, at: site.Clock.GetUtcNow());
        await site.UpdateCertificateAsync(revoked.Id, c => c.Revoke("Issued by mistake", revokedId, "Test", site.Clock.GetUtcNow()));
        var first = await site.CompleteProgramAsync(renewedId, at: site.Clock.GetUtcNow());
        // Recertified a month later: the first certificate is superseded and the second expires a month after it.
        var second = await site.CompleteProgramAsync(renewedId, at: site.Clock.GetUtcNow().AddDays(30));

        site.Clock.SetUtcNow(first.ExpiresAt!.Value.AddDays(-6));
        await site.RunAllJobsAsync();

        Assert.Equal(0, await CertificateNoticesAsync(site, revokedId));
        Assert.Equal(0, await CertificateNoticesAsync(site, renewedId));
        Assert.True(second.ExpiresAt > first.ExpiresAt);
    }

    /// <summary>Notices about the onboarding certificate only: completing onboarding also earns back-office's (the scan issues it).</summary>
    private static Task<int> CertificateNoticesAsync(AcademyFactory site, string id) =>
        site.WithDbAsync(db => db.Notifications.CountAsync(n => n.EmployeeId == id && n.Kind == NoticeKind.CertificateExpiresInAWeek && n.ItemId == "onboarding"));
}
