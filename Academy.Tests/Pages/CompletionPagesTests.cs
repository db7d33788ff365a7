using System.Net;
using Academy.Domain.Quizzes;
using Academy.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>Every learner page after a completion that expires: the journey that once answered 500 everywhere.</summary>
[Collection(HostCollection.Name)]
public sealed class CompletionPagesTests(AcademyFactory factory)
{
    [Fact]
    public async Task LearnerPages_Answer200AndShowTheExpiry_AfterCompletingAModuleWithARefresher()
    {
        var (client, employeeId) = await NewLearnerAsync();
        var module = factory.Services.GetRequiredService<ContentCatalog>().Current.Module("warm-welcome")!;
        Assert.NotNull(module.Default.Refresher);

        await CompleteAsync(client, module);

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            var completion = await db.ModuleCompletions.SingleAsync(c => c.EmployeeId == employeeId && c.ModuleId == module.Id);
            Assert.NotNull(completion.ExpiresAt);
        }
        foreach (var url in new[] { "/", "/catalog", "/programs/onboarding", $"/modules/{module.Id}", $"/modules/{module.Id}/quizzes/{module.Quizzes[0].Id}" })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        }
        var catalog = await client.GetDocumentAsync($"/catalog?q={Uri.EscapeDataString(module.Default.Title)}");
        Assert.Contains("Completed", catalog.QuerySelector(".grid > li .state")!.TextContent);
        Assert.Contains("valid until", catalog.QuerySelector(".grid > li .state")!.TextContent);
    }

    private async Task<(HttpClient Client, string EmployeeId)> NewLearnerAsync()
    {
        var email = $"journey-{Guid.NewGuid():N}@academy.test";
        var employee = new Employee { UserName = email, Email = email, EmailConfirmed = true, FullName = "Journey Learner", Department = "Front Desk" };
        using (var scope = factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<UserManager<Employee>>().CreateAsync(employee, AcademyFactory.Password);
        return (await factory.SignInAsync(email), employee.Id);
    }

    /// <summary>Reads every lesson and passes every quiz of the module on its best path.</summary>
    private static async Task CompleteAsync(HttpClient client, PublishedModule module)
    {
        foreach (var lesson in module.Default.Lessons) await client.ReadLessonAsync(module.Id, lesson.Number);
        foreach (var quiz in module.Quizzes)
        {
            var start = await client.PostFormAsync($"/modules/{module.Id}/quizzes/{quiz.Id}", []);
            var attempt = start.Headers.Location!.OriginalString;
            var document = quiz.Default.Document;
            while ((await client.GetDocumentAsync(attempt)).QuerySelector("input[name=stepId]") is { } input)
            {
                var step = document.Step(input.GetAttribute("value")!)!;
                var picks = step.IsWeighted
                    ? [step.Choices.MaxBy(c => c.Mark.Weight)!.Number]
                    : step.Choices.Where(c => c.Mark.Kind == MarkKind.Right).Select(c => c.Number).ToArray();
                var token = await HttpClientForms.AntiforgeryTokenAsync(client, attempt);
                var fields = new List<KeyValuePair<string, string>> { new("stepId", step.Id), new("__RequestVerificationToken", token) };
                fields.AddRange(picks.Select(p => new KeyValuePair<string, string>("picks", p.ToString())));
                Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(attempt, new FormUrlEncodedContent(fields))).StatusCode);
            }
        }
    }
}
