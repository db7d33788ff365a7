using System.Net;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>A form posted (with a valid token) to a page that only shows something: 405, never a half-built page.</summary>
[Collection(HostCollection.Name)]
public sealed class MethodNotAllowedTests(AcademyFactory factory)
{
    [Fact]
    public async Task Post_ToAPageThatOnlyShows_AnswersMethodNotAllowed()
    {
        var trainer = await factory.SignInAsync("trainer@academy.test");
        var token = await HttpClientForms.AntiforgeryTokenAsync(trainer, "/workspace/new");
        var (moduleVersion, quizVersion) = await VersionIdsAsync();
        string[] urls =
        [
            "/", "/catalog", "/modules/warm-welcome", "/programs/onboarding", "/workspace",
            "/workspace/versions?path=modules%2Frefunds%2Fmodule.md",
            $"/workspace/compare?from={moduleVersion}&to={moduleVersion}",
            $"/workspace/statistics/{quizVersion}",
            "/workspace/edit?path=modules%2Frefunds%2Fmodule.md",
            "/workspace/edit?path=modules%2Frefunds%2Fmodule.md&handler=NoSuchHandler",
            "/admin/content-health",
        ];

        var failures = new List<string>();
        foreach (var url in urls)
        {
            var response = await trainer.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            if (response.StatusCode != HttpStatusCode.MethodNotAllowed)
                failures.Add($"{url}: {(int)response.StatusCode}");
            else if (!response.Content.Headers.Allow.Contains("GET"))
                failures.Add($"{url}: 405 without GET in its Allow header");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Post_ToAPageThatOnlyShows_ExplainsItself_AndTheRealFormsStillWork()
    {
        var trainer = await factory.SignInAsync("trainer@academy.test");
        var token = await HttpClientForms.AntiforgeryTokenAsync(trainer, "/workspace/new");

        var refused = await trainer.PostAsync("/catalog", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var created = await trainer.PostFormAsync("/workspace/new", new() { ["Input.Kind"] = "module", ["Input.Id"] = "method-check", ["Input.Title"] = "Method check" });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, refused.StatusCode);
        Assert.Contains("only shows information", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await trainer.PostFormAsync("/workspace/edit?path=modules%2Fmethod-check%2Fmodule.md&handler=Discard", new() { ["Path"] = "modules/method-check/module.md" },
            formPage: "/workspace/edit?path=modules%2Fmethod-check%2Fmodule.md");
    }

    private async Task<(int Module, int Quiz)> VersionIdsAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var module = await db.ContentVersions.Where(v => v.ContentFile!.Path == "modules/refunds/module.md").Select(v => v.Id).FirstAsync();
        var quiz = await db.ContentVersions.Where(v => v.ContentFile!.Path == "modules/warm-welcome/late-arrival.quiz.md").Select(v => v.Id).FirstAsync();
        return (module, quiz);
    }
}
