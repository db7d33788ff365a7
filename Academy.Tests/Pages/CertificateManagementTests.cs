using System.IO.Compression;
using System.Net;
using Academy.Domain.Certificates;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

[Collection(HostCollection.Name)]
public sealed class CertificateManagementTests(AcademyFactory factory)
{
    [Fact]
    public async Task ReadingTheLastLesson_OfTheProgramsLastModule_QueuesTheJobThatIssuesTheCertificate()
    {
        var (id, email) = await factory.NewEmployeeAsync("Nadia Rossi");
        var content = factory.Services.GetRequiredService<ContentCatalog>().Current;
        var moduleIds = content.Programs.Single(p => p.Id == "onboarding").ModuleIds;
        var last = content.Module(moduleIds[^1])!;
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        await factory.WithDbAsync(async db =>
        {
            var sequence = 0;
            foreach (var moduleId in moduleIds.Take(moduleIds.Count - 1))
                db.ModuleCompletions.Add(new ModuleCompletion { EmployeeId = id, ModuleId = moduleId, Sequence = 1, ModuleVersion = 1, CompletedAt = now, ExpiresAt = null });
            foreach (var quiz in last.Quizzes)
                db.QuizAttempts.Add(new QuizAttempt { EmployeeId = id, ModuleId = last.Id, QuizId = quiz.Id, ContentVersionId = quiz.Default.VersionId, StartedAt = now, FinishedAt = now, Percent = 90, Passed = true, Seed = ++sequence });
            foreach (var lesson in last.Default.Lessons.SkipLast(1))
                db.LessonViews.Add(new LessonView { EmployeeId = id, ModuleId = last.Id, LessonNumber = lesson.Number, FirstReadAt = now, ReadAt = now });
            return await db.SaveChangesAsync();
        });
        var client = await factory.SignInAsync(email);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Certificates.CountAsync(c => c.HolderId == id)));

        await client.ReadLessonAsync(last.Id, last.Default.Lessons.Count);
        // The POST committed the completion and only queued the issuing.
        Assert.Equal(0, await factory.WithDbAsync(db => db.Certificates.CountAsync(c => c.HolderId == id)));
        Assert.Contains("CertificateIssueJob.RunForModuleAsync", factory.EnqueuedJobNames());
        Assert.True(await factory.RunEnqueuedJobsAsync() >= 1);
        var mine = await client.GetDocumentAsync("/certificates");

        var certificate = await factory.WithDbAsync(db => db.Certificates.SingleAsync(c => c.HolderId == id && c.ProgramId == "onboarding"));
        Assert.Equal("Nadia Rossi", certificate.HolderName);
        var row = mine.QuerySelector($"#certificates tr[data-code='{certificate.Code}']")!;
        Assert.Equal("Onboarding", row.QuerySelector("th")!.TextContent);
        Assert.Equal("Valid", row.QuerySelector(".status")!.TextContent);
        Assert.EndsWith($"/verify/{CertificateCode.Format(certificate.Code)}", row.QuerySelector("a.verify")!.GetAttribute("href"));
    }

    [Fact]
    public async Task MyCertificates_DownloadsTheirOwnPdf_ButNotSomeoneElses()
    {
        var (id, email) = await factory.NewEmployeeAsync("Owen Price");
        var (otherId, _) = await factory.NewEmployeeAsync("Someone Else");
        var mine = await factory.CompleteProgramAsync(id);
        var theirs = await factory.CompleteProgramAsync(otherId);
        var client = await factory.SignInAsync(email);

        var page = await client.GetDocumentAsync("/certificates");
        var download = await client.GetAsync(page.QuerySelector("#certificates a.pdf")!.GetAttribute("href"));
        var forbidden = await client.GetAsync($"/certificates/{theirs.Id}/pdf");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"certificate-{CertificateCode.Format(mine.Code)}.pdf", download.Content.Headers.ContentDisposition!.FileName);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await download.Content.ReadAsByteArrayAsync(), 0, 4));
        Assert.Equal(HttpStatusCode.NotFound, forbidden.StatusCode);
    }

    [Fact]
    public async Task HrPages_AreForbiddenToALearner()
    {
        var (_, email) = await factory.NewEmployeeAsync("Curious Learner");
        var client = await factory.SignInAsync(email);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/certificates/manage")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/certificates/manage/1")).StatusCode);
    }

    [Fact]
    public async Task Revoke_IsRefusedWithoutAReason_AndRecordsWhoWhenAndWhy()
    {
        var (id, _) = await factory.NewEmployeeAsync("Felix Wagner");
        var certificate = await factory.CompleteProgramAsync(id);
        var hr = await factory.SignInAsync("hr@academy.test");
        var url = $"/certificates/manage/{certificate.Id}";

        var refused = await hr.PostFormAsync($"{url}?handler=Revoke", new() { ["Input.Reason"] = "  " }, url);
        var refusedPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Give the reason for revoking", refusedPage.QuerySelector("#revoke .field-error")!.TextContent);
        Assert.Null(await factory.WithDbAsync(db => db.Certificates.Where(c => c.Id == certificate.Id).Select(c => c.RevokedAt).SingleAsync()));

        var revoked = await hr.PostFormAsync($"{url}?handler=Revoke", new() { ["Input.Reason"] = "Completed on someone else's account" }, url);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);

        var stored = await factory.WithDbAsync(db => db.Certificates.SingleAsync(c => c.Id == certificate.Id));
        Assert.NotNull(stored.RevokedAt);
        Assert.Equal("Jordan Lee", stored.RevokedByName);
        Assert.Equal("Completed on someone else's account", stored.RevocationReason);
        var verify = await factory.AnonymousClient().GetStringAsync($"/verify/{certificate.Code}");
        Assert.Contains("data-status=\"revoked\"", verify);
        Assert.Contains("Completed on someone else&#x27;s account", verify);
    }

    [Fact]
    public async Task Reissue_AfterANameChange_SupersedesTheOld()
    {
        var (id, _) = await factory.NewEmployeeAsync("Ana Lopez");
        var old = await factory.CompleteProgramAsync(id);
        var hr = await factory.SignInAsync("hr@academy.test");
        var url = $"/certificates/manage/{old.Id}";
        var before = await hr.GetDocumentAsync(url);
        Assert.Null(before.QuerySelector("#reissue"));

        await factory.WithDbAsync(async db =>
        {
            var employee = await db.Users.SingleAsync(u => u.Id == id);
            employee.FullName = "Ana Lopez García";
            return await db.SaveChangesAsync();
        });
        var response = await hr.PostFormAsync($"{url}?handler=Reissue", new(), url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var certificates = await factory.WithDbAsync(db => db.Certificates.Where(c => c.HolderId == id).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(2, certificates.Count);
        Assert.Equal(certificates[1].Id, certificates[0].SupersededById);
        Assert.Equal("Ana Lopez García", certificates[1].HolderName);
        Assert.Equal("Ana Lopez", certificates[0].HolderName);
        Assert.Equal(old.ExpiresAt, certificates[1].ExpiresAt);
        Assert.Equal(1, certificates[1].Edition);
    }

    [Fact]
    public async Task HrList_FiltersByStatusAndDepartment_AndRejectsANegativeNumberOfDays()
    {
        var department = $"Dept {Guid.NewGuid():N}";
        var (validId, _) = await factory.NewEmployeeAsync("Valid Holder", department: department);
        var (revokedId, _) = await factory.NewEmployeeAsync("Revoked Holder", department: department);
        var valid = await factory.CompleteProgramAsync(validId);
        var revoked = await factory.CompleteProgramAsync(revokedId);
        await factory.UpdateCertificateAsync(revoked.Id, c => c.Revoke("Test", revokedId, "Test", DateTimeOffset.UtcNow));
        var hr = await factory.SignInAsync("hr@academy.test");
        var d = Uri.EscapeDataString(department);

        var all = await hr.GetDocumentAsync($"/certificates/manage?Filter.Department={d}");
        var onlyValid = await hr.GetDocumentAsync($"/certificates/manage?Filter.Department={d}&Filter.Status=Valid");
        var onlyRevoked = await hr.GetDocumentAsync($"/certificates/manage?Filter.Department={d}&Filter.Status=Revoked&Filter.Program=onboarding");
        var expiring = await hr.GetDocumentAsync($"/certificates/manage?Filter.Department={d}&Filter.ExpiringWithin=3");
        var negative = await hr.GetDocumentAsync($"/certificates/manage?Filter.Department={d}&Filter.ExpiringWithin=-4");

        string[] Codes(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelectorAll("#certificates tbody tr").Select(r => r.GetAttribute("data-code")!).Order().ToArray();
        Assert.Equal(new[] { valid.Code, revoked.Code }.Order(), Codes(all));
        Assert.Equal([valid.Code], Codes(onlyValid));
        Assert.Equal([revoked.Code], Codes(onlyRevoked));
        Assert.Empty(Codes(expiring));
        Assert.Contains("between 0 and 3650", negative.QuerySelector(".validation-summary-errors")!.TextContent);
    }

    [Fact]
    public async Task Zip_HoldsOnePdfPerCertificateOfTheFilter()
    {
        var department = $"Dept {Guid.NewGuid():N}";
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (id, _) = await factory.NewEmployeeAsync($"Zip Holder {i}", department: department);
            codes.Add((await factory.CompleteProgramAsync(id)).Code);
        }
        var hr = await factory.SignInAsync("hr@academy.test");

        var response = await hr.GetAsync($"/certificates/manage?handler=Zip&Filter.Department={Uri.EscapeDataString(department)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        Assert.Equal(codes.Select(c => $"certificate-{CertificateCode.Format(c)}.pdf").Order(), zip.Entries.Select(e => e.FullName).Order());
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            var head = new byte[4];
            stream.ReadExactly(head);
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(head));
        }
    }
}
