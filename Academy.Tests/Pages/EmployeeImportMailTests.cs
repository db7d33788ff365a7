using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Academy.Web.Data;
using Academy.Web.Import;
using Academy.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>What follows an import: the audience rules reach the imported people at once, and the invitation goes
/// through a real SMTP server (Debian's aiosmtpd) with a link that sets the password once.</summary>
[Collection(HostCollection.Name)]
public sealed partial class EmployeeImportMailTests
{
    [Fact]
    public async Task ImportedEmployees_GetTheirRuleAssignments_AndAnInvitationWhoseLinkSetsThePasswordOnce()
    {
        var port = SmtpMailTests.FreePort();
        using var server = SmtpMailTests.StartServer(port, out var received);
        using var site = new ClockFactory(settings: new() { ["Academy:Mail:Smtp:Host"] = "127.0.0.1", ["Academy:Mail:Smtp:Port"] = port.ToString(), ["Academy:PublicUrl"] = "https://academy.example" });
        var hr = await site.SignInAsync("hr@academy.test");
        var rule = await hr.PostFormAsync("/assignments/edit?handler=Save", new()
        {
            ["Form.Item"] = "module:refunds", ["Form.Departments"] = "Harbour", ["Form.DueKind"] = "AfterAssignment", ["Form.DueDays"] = "14", ["Form.DueOn"] = "",
            ["Form.Reason"] = "Harbour roll-out",
        }, "/assignments/edit");
        Assert.Equal(HttpStatusCode.Redirect, rule.StatusCode);
        var csv = "Matricule;Courriel;Nom;Département;Langue\nH-1;hugo@harbour.test;Hugo Port;Harbour;fr\nH-2;ines@harbour.test;Inès Quai;Docks;en\n";

        var upload = await EmployeeImportPageTests.UploadAsync(hr, "harbour.csv", Encoding.UTF8.GetBytes(csv));
        var url = upload.Headers.Location!.OriginalString;
        await hr.PostFormAsync(url + "?handler=Apply", [], url);
        await site.RunAsync<EmployeeImportJob>((j, c) => j.RunAsync(int.Parse(url.Split('/')[^1]), c));

        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            var assigned = await db.Assignments.AsNoTracking().Join(db.Users, a => a.EmployeeId, e => e.Id, (a, e) => new { e.Email, a.ItemId }).Where(a => a.ItemId == "refunds").Select(a => a.Email).ToListAsync();
            Assert.Contains("hugo@harbour.test", assigned);
            Assert.DoesNotContain("ines@harbour.test", assigned);
        }

        await site.RunAsync<MailDispatchJob>((j, c) => j.RunAsync(c));
        var message = await SmtpMailTests.WaitForMessageAsync(received, "hugo@harbour.test");
        Assert.Equal("Votre compte Academy est prêt", message.Subject);
        Assert.Contains("hugo@harbour.test", message.TextBody);
        var link = new Uri(SetPasswordLink().Match(message.TextBody ?? "").Value);
        Assert.Equal("academy.example", link.Host);
        var id = Regex.Match(link.Query, "id=([^&]+)").Groups[1].Value;
        var token = WebUtility.UrlDecode(Regex.Match(link.Query, "token=([^&]+)").Groups[1].Value);

        var hugo = site.NewClient();
        var form = new Dictionary<string, string> { ["Id"] = WebUtility.UrlDecode(id), ["Token"] = token, ["Input.NewPassword"] = "Harbour-Lights-2026", ["Input.ConfirmPassword"] = "Harbour-Lights-2026" };
        var set = await hugo.PostFormAsync("/account/set-password", form, link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.NotNull((await hugo.GetDocumentAsync(set.Headers.Location!.OriginalString)).QuerySelector("#password-set"));
        await site.SignInAsync("hugo@harbour.test", "Harbour-Lights-2026");

        var again = await site.NewClient().PostFormAsync("/account/set-password", form, link.PathAndQuery);
        Assert.Contains("This link has expired or was already used", (await HttpClientForms.ParseAsync(again)).QuerySelector(".validation-summary-errors")!.TextContent);
    }

    [GeneratedRegex(@"https://academy\.example/account/set-password\?\S+")]
    private static partial Regex SetPasswordLink();
}
