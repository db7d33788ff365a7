using System.Net;
using System.Text;
using Academy.Web.Data;
using Academy.Web.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>HR's CSV import through its pages, on the shared site: each test brings employees with numbers and emails
/// of its own.</summary>
[Collection(HostCollection.Name)]
public sealed class EmployeeImportPageTests(AcademyFactory factory)
{
    private const string Header = "Employee number,Email,Name,Department,Manager,Hire date,Language,Active";

    [Fact]
    public async Task Preview_CountsEachKindOfChange_AndNamesTheRowAndColumnOfEveryMistake_WritingNothing()
    {
        var u = Unique();
        var (_, toUpdate) = await factory.NewEmployeeAsync("Ulla Update");
        var (_, toDeactivate) = await factory.NewEmployeeAsync("Dora Leaving");
        var (_, same) = await factory.NewEmployeeAsync("Sami Same");
        var numbers = await NumbersAsync(toUpdate, toDeactivate, same);
        var csv = $"""
            {Header}
            N1-{u},new1-{u}@academy.test,"Doe, Jane",Sales,{toUpdate},2024-03-01,fr,yes
            {numbers[0]},{toUpdate},Ulla Update,Billing,,,en,yes
            {numbers[1]},{toDeactivate},Dora Leaving,Front Desk,,,en,no
            {numbers[2]},{same},Sami Same,Front Desk,,,en,yes
            N6-{u},not-an-email,Bad Mail,Sales,,,,
            N7-{u},n7-{u}@academy.test,Bad Date,Sales,,31/31/2024,,
            N8-{u},n8-{u}@academy.test,No Boss,Sales,NOBODY-{u},,,
            N1-{u},n9-{u}@academy.test,Same Number,Sales,,,,
            N10-{u},NEW1-{u}@academy.test,Same Email,Sales,,,,
            N11-{u},n11-{u}@academy.test,,Sales,,,,
            N12-{u},n12-{u}@academy.test,"=HYPERLINK(""http://evil.test"",""x"")",Sales,,,,
            N13-{u},n13-{u}@academy.test,Circle A,Sales,N14-{u},,,
            N14-{u},n14-{u}@academy.test,Circle B,Sales,N13-{u},,,
            """;
        var hr = await factory.SignInAsync("hr@academy.test");
        var before = await CountUsersAsync();

        var page = await PreviewAsync(hr, await UploadAsync(hr, "people.csv", Encoding.UTF8.GetBytes(csv)));

        Assert.Equal(("1", "1", "1", "1", "9"), (Text(page, "#count-create"), Text(page, "#count-update"), Text(page, "#count-deactivate"),
            Text(page, "#count-unchanged"), Text(page, "#count-errors")));
        var errors = page.QuerySelectorAll("#import-errors tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal([("6", "Email"), ("7", "Hire date"), ("8", "Manager"), ("9", "Employee number"), ("10", "Email"), ("11", "Name"), ("12", "Name"),
            ("13", "Manager"), ("14", "Manager")], errors.Select(e => (e[0], e[1])));
        Assert.Equal("“not-an-email” is not an email address.", errors[0][2]);
        Assert.Equal("This employee number is already on row 2.", errors[3][2]);
        Assert.Contains("starts like a spreadsheet formula", errors[6][2]);
        Assert.Contains("rows 13 → 14 → 13", errors[7][2]);
        Assert.Null(page.QuerySelector("#apply"));
        Assert.Equal(before, await CountUsersAsync());
    }

    [Fact]
    public async Task Apply_WritesTheFileInTheBackground_AndTheSameFileTwiceChangesNothing()
    {
        var u = Unique();
        var (_, existing) = await factory.NewEmployeeAsync("Erin Existing");
        var number = (await NumbersAsync(existing))[0];
        var csv = Encoding.UTF8.GetBytes($"""
            {Header}
            R-{u},r-{u}@academy.test,Rita Report,Harbour {u},B-{u},2025-01-06,en,yes
            B-{u},b-{u}@academy.test,Bea Boss,Harbour {u},,2020-05-01,fr,yes
            {number},{existing},Erin Existing,Harbour {u},b-{u}@academy.test,,en,yes
            """);
        var hr = await factory.SignInAsync("hr@academy.test");

        var first = await ApplyAsync(hr, csv);

        Assert.Equal((2, 1, 0, 0), (first.Created, first.Updated, first.Deactivated, first.Unchanged));
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            var people = await db.Users.AsNoTracking().Where(e => e.Department == $"Harbour {u}").ToDictionaryAsync(e => e.FullName);
            Assert.Equal(people["Bea Boss"].Id, people["Rita Report"].ManagerId);
            Assert.Equal(people["Bea Boss"].Id, people["Erin Existing"].ManagerId);
            Assert.Equal((new DateOnly(2025, 1, 6), "en"), (people["Rita Report"].HireDate!.Value, people["Rita Report"].PreferredLanguage!));
            Assert.Equal(2, await db.MailOutbox.CountAsync(m => m.Key.StartsWith("invite:") && (m.To == $"r-{u}@academy.test" || m.To == $"b-{u}@academy.test")));
        }
        var progress = await hr.GetDocumentAsync($"/import/{first.Id}/progress");
        Assert.Contains("2 created, 1 updated, 0 deactivated, 0 unchanged", progress.QuerySelector("#import-done")!.TextContent);
        Assert.Contains("Rita Report", progress.QuerySelector("#imported-employees")!.TextContent);
        Assert.Null(progress.QuerySelector("[data-refresh]"));

        var second = await ApplyAsync(hr, csv);

        Assert.Equal((0, 0, 0, 3), (second.Created, second.Updated, second.Deactivated, second.Unchanged));
        var history = await hr.GetDocumentAsync("/import");
        Assert.Contains("Jordan Lee", history.QuerySelector("#import-history")!.TextContent);
        using var check = factory.Services.CreateScope();
        Assert.Equal(1, await check.ServiceProvider.GetRequiredService<AcademyDbContext>().MailOutbox.CountAsync(m => m.To == $"r-{u}@academy.test"));
    }

    [Fact]
    public async Task AManagerCycle_IsRefused_AndApplyWritesNothing()
    {
        var u = Unique();
        var (_, existing) = await factory.NewEmployeeAsync("Carl Circle");
        var number = (await NumbersAsync(existing))[0];
        // The new boss reports to Carl, and the file makes the new boss Carl's manager.
        var csv = $"""
            {Header}
            {number},{existing},Carl Circle,Front Desk,K-{u},,en,yes
            K-{u},k-{u}@academy.test,Kim Boss,Front Desk,{existing},,en,yes
            """;
        var hr = await factory.SignInAsync("hr@academy.test");
        var upload = await UploadAsync(hr, "circle.csv", Encoding.UTF8.GetBytes(csv));
        var page = await PreviewAsync(hr, upload);
        Assert.Equal("2", Text(page, "#count-errors"));

        var apply = await hr.PostFormAsync(upload.Headers.Location + "?handler=Apply", [], upload.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.OK, apply.StatusCode);
        Assert.Contains("Nothing was written", (await HttpClientForms.ParseAsync(apply)).QuerySelector("main")!.TextContent);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        Assert.False(await db.Users.AnyAsync(e => e.Email == $"k-{u}@academy.test"));
        Assert.Equal(ImportStatus.Uploaded, (await db.EmployeeImports.OrderBy(f => f.Id).LastAsync()).Status);
    }

    [Fact]
    public async Task AnExcelFileInWindows1252_WithFrenchHeadersAndSemicolons_IsReadWithANotice_AndItsAccentsKept()
    {
        var u = Unique();
        var csv = $"Matricule;Courriel;Nom;Département;Date d'embauche\r\nW-{u};w-{u}@academy.test;Hélène Größe;Réception;15/09/2023\r\n";
        var hr = await factory.SignInAsync("hr@academy.test");
        var bytes = CodePagesEncoding(1252).GetBytes(csv);

        var page = await PreviewAsync(hr, await UploadAsync(hr, "export.csv", bytes));

        Assert.NotNull(page.QuerySelector("#encoding-notice"));
        Assert.Equal("1", Text(page, "#count-create"));
        Assert.Contains("Hélène Größe", page.QuerySelector("#columns")!.TextContent);
        var id = int.Parse(page.QuerySelector("form[action*='handler=Apply']")!.GetAttribute("action")!.Split('/', '?')[2]);
        await hr.PostFormAsync($"/import/{id}?handler=Apply", [], $"/import/{id}");
        await RunJobAsync(id);
        using var scope = factory.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().Users.AsNoTracking().SingleAsync(e => e.EmployeeNumber == $"W-{u}");
        Assert.Equal(("Hélène Größe", "Réception", new DateOnly(2023, 9, 15)), (stored.FullName, stored.Department!, stored.HireDate!.Value));
    }

    [Fact]
    public async Task AnUnknownHeader_IsMappedOnTheColumnsScreen()
    {
        var u = Unique();
        var csv = $"Staff ref,Email,Name,Cost centre\nS-{u},s-{u}@academy.test,Stan Mapped,CC-12\n";
        var hr = await factory.SignInAsync("hr@academy.test");
        var upload = await UploadAsync(hr, "mapped.csv", Encoding.UTF8.GetBytes(csv));
        var page = await PreviewAsync(hr, upload);
        Assert.Contains("Employee number", page.QuerySelector("#missing-columns")!.TextContent);
        Assert.Null(page.QuerySelector("#counts"));

        var url = upload.Headers.Location!.OriginalString;
        var token = await HttpClientForms.AntiforgeryTokenAsync(hr, url);
        var mapped = await hr.PostAsync(url + "?handler=Columns", new FormUrlEncodedContent([
            new("columns", "EmployeeNumber"), new("columns", "Email"), new("columns", "FullName"), new("columns", ""), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, mapped.StatusCode);

        var after = await hr.GetDocumentAsync(url);
        Assert.Null(after.QuerySelector("#missing-columns"));
        Assert.Equal("1", Text(after, "#count-create"));
    }

    [Theory]
    [InlineData("", "Choose the CSV file exported by the HR system.")]
    [InlineData("Employee number|Email|Name\nE1|a@b.test|A\n", "Only one column was found in the first line")]
    [InlineData("\n\n", "The file is empty")]
    public async Task AFileThatIsNotATable_GetsAMessageOnTheForm(string content, string message)
    {
        var hr = await factory.SignInAsync("hr@academy.test");

        var response = await UploadAsync(hr, "bad.csv", Encoding.UTF8.GetBytes(content));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await HttpClientForms.ParseAsync(response)).QuerySelector("#upload-error")!.TextContent);
    }

    [Fact]
    public async Task AFileOver20MB_IsRefusedWithItsSize()
    {
        var hr = await factory.SignInAsync("hr@academy.test");
        var bytes = Encoding.UTF8.GetBytes(Header + "\n" + new string('x', ImportFileReader.MaxBytes + 1024));

        var response = await UploadAsync(hr, "huge.csv", bytes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("the limit is 20 MB", (await HttpClientForms.ParseAsync(response)).QuerySelector("#upload-error")!.TextContent);
    }

    internal static string Unique() => Guid.NewGuid().ToString("N")[..8];

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string name, byte[] bytes, bool deactivateMissing = false)
    {
        var token = await HttpClientForms.AntiforgeryTokenAsync(client, "/import");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        if (bytes.Length > 0 || name.Length > 0)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new("text/csv");
            form.Add(file, "Upload", name);
        }
        if (deactivateMissing) form.Add(new StringContent("true"), "DeactivateMissing");
        return await client.PostAsync("/import", form);
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> PreviewAsync(HttpClient client, HttpResponseMessage upload)
    {
        Assert.True(upload.StatusCode == HttpStatusCode.Redirect, await upload.Content.ReadAsStringAsync());
        return await client.GetDocumentAsync(upload.Headers.Location!.OriginalString);
    }

    /// <summary>Uploads, applies, runs the job as Hangfire would, and returns the stored history row.</summary>
    private async Task<EmployeeImportFile> ApplyAsync(HttpClient hr, byte[] csv)
    {
        var upload = await UploadAsync(hr, "people.csv", csv);
        var url = upload.Headers.Location!.OriginalString;
        var id = int.Parse(url.Split('/')[^1]);
        var apply = await hr.PostFormAsync(url + "?handler=Apply", [], url);
        Assert.Equal($"/import/{id}/progress", apply.Headers.Location!.OriginalString);
        var waiting = await hr.GetDocumentAsync($"/import/{id}/progress");
        Assert.NotNull(waiting.QuerySelector("[data-refresh]"));
        await RunJobAsync(id);
        using var scope = factory.Services.CreateScope();
        var file = await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().EmployeeImports.AsNoTracking().SingleAsync(f => f.Id == id);
        Assert.True(file.Status == ImportStatus.Applied, file.Error);
        return file;
    }

    private async Task RunJobAsync(int id)
    {
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<EmployeeImportJob>().RunAsync(id, CancellationToken.None);
    }

    private async Task<List<string>> NumbersAsync(params string[] emails)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var numbers = await db.Users.AsNoTracking().Where(e => emails.Contains(e.Email!)).ToDictionaryAsync(e => e.Email!, e => e.EmployeeNumber!);
        return emails.Select(e => numbers[e]).ToList();
    }

    private async Task<int> CountUsersAsync()
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().Users.CountAsync();
    }

    private static string Text(AngleSharp.Html.Dom.IHtmlDocument page, string selector) => page.QuerySelector(selector)?.TextContent.Trim() ?? $"({selector} missing)";

    private static Encoding CodePagesEncoding(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage);
    }
}
