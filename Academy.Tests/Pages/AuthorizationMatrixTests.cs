using System.Net;
using Academy.Web.Data;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>Every page, for every kind of visitor. A page added to the site without a row here fails
/// <see cref="Matrix_CoversEveryPage"/>, so nobody ships a page whose access nobody decided.</summary>
[Collection(HostCollection.Name)]
public sealed class AuthorizationMatrixTests(AcademyFactory factory)
{
    private const int SignIn = 302;

    // Route pattern → expected status for: anonymous, learner, trainer, HR, admin.
    private static readonly Dictionary<string, int[]> Matrix = new()
    {
        ["/"] = [SignIn, 200, 200, 200, 200],
        ["/account/login"] = [200, 200, 200, 200, 200],
        ["/account/logout"] = [SignIn, 200, 200, 200, 200],
        ["/account/password"] = [SignIn, 200, 200, 200, 200],
        ["/error"] = [200, 200, 200, 200, 200],
        ["/language"] = [302, 302, 302, 302, 302],
        ["/catalog"] = [SignIn, 200, 200, 200, 200],
        ["/modules/{id}/{lesson:int?}"] = [SignIn, 200, 200, 200, 200],
        ["/programs/{id}"] = [SignIn, 200, 200, 200, 200],
        ["/admin/employees"] = [SignIn, 403, 403, 403, 200],
        ["/admin/employees/new"] = [SignIn, 403, 403, 403, 200],
        ["/admin/employees/{id}"] = [SignIn, 403, 403, 403, 200],
        ["/admin/content-health"] = [SignIn, 403, 200, 403, 200],
        ["/modules/{moduleId}/quizzes/{quizId}"] = [SignIn, 200, 200, 200, 200],
        // An attempt is its learner's alone: to anyone else it does not exist.
        ["/attempts/{id:int}"] = [SignIn, 200, 404, 404, 404],
        ["/workspace"] = [SignIn, 403, 200, 403, 200],
        ["/workspace/new"] = [SignIn, 403, 200, 403, 200],
        ["/workspace/edit"] = [SignIn, 403, 200, 403, 200],
        ["/workspace/versions"] = [SignIn, 403, 200, 403, 200],
        ["/workspace/versions/{id:int}"] = [SignIn, 403, 200, 403, 200],
        ["/workspace/compare"] = [SignIn, 403, 200, 403, 200],
        ["/workspace/media/{moduleId}"] = [SignIn, 403, 200, 403, 200],
        ["/workspace/statistics/{versionId:int}"] = [SignIn, 403, 200, 403, 200],
        ["/workspace/guide"] = [SignIn, 403, 200, 403, 200],
        ["/healthz"] = [200, 200, 200, 200, 200],
        // Certificates: verification is public; a PDF is its holder's and HR's (here someone else's certificate).
        ["/verify/{code}"] = [200, 200, 200, 200, 200],
        ["/verify/{code}.json"] = [200, 200, 200, 200, 200],
        ["/certificates"] = [SignIn, 200, 200, 200, 200],
        ["/certificates/{id:int}/pdf"] = [SignIn, 404, 404, 200, 200],
        ["/certificates/manage"] = [SignIn, 403, 403, 200, 200],
        ["/certificates/manage/{id:int}"] = [SignIn, 403, 403, 200, 200],
        ["/hangfire/{**path}"] = [SignIn, 403, 403, 403, 200],
        ["/admin/mail"] = [SignIn, 403, 403, 403, 200],
        ["/admin/operations"] = [SignIn, 403, 403, 403, 200],
        ["/healthz/live"] = [200, 200, 200, 200, 200],
        ["/healthz/ready"] = [200, 200, 200, 200, 200],
        ["/assignments"] = [SignIn, 403, 403, 200, 200],
        ["/assignments/edit/{id:int?}"] = [SignIn, 403, 403, 200, 200],
        ["/assignments/overdue"] = [SignIn, 403, 403, 200, 200],
        ["/assignments/manual"] = [SignIn, 403, 403, 200, 200],
        // HR's and any manager's: none of these learners or trainers has reports.
        ["/reports/charts"] = [SignIn, 403, 403, 200, 200],
        ["/notifications"] = [SignIn, 200, 200, 200, 200],
        ["/import"] = [SignIn, 403, 403, 200, 200],
        // An import that does not exist: HR is told so, others never get that far.
        ["/import/{id:int}"] = [SignIn, 403, 403, 404, 404],
        ["/import/{id:int}/progress"] = [SignIn, 403, 403, 404, 404],
        ["/account/set-password"] = [200, 200, 200, 200, 200],
        // A manager's page: none of these visitors has reports.
        ["/team"] = [SignIn, 403, 403, 403, 403],
        // HR's and administrators' (and any manager's, narrowed to their reports).
        ["/reports"] = [SignIn, 403, 403, 200, 200],
        ["/reports/employee/{id}"] = [SignIn, 403, 403, 200, 200],
        ["/reports/rollups"] = [SignIn, 403, 403, 200, 200],
        ["/reports/exports"] = [SignIn, 403, 403, 200, 200],
        ["/reports/subscriptions"] = [SignIn, 403, 403, 200, 200],
        ["/reports/subscriptions/edit/{id:int?}"] = [SignIn, 403, 403, 200, 200],
        // A scheduled report's link works without an account; without a valid token it says so (400).
        ["/reports/download"] = [400, 400, 400, 400, 400],
        ["/media/{module:regex(^[a-z0-9-]+$)}/{file:regex(^[A-Za-z0-9_.-]+$)}"] = [SignIn, 404, 404, 404, 404],
        ["/review"] = [SignIn, 200, 200, 200, 200],
        ["/lineup"] = [SignIn, 200, 200, 200, 200],
        // A manager presents their team's line-up; HR and administrators pick any team. None of the others has reports.
        ["/lineup/present"] = [SignIn, 403, 403, 200, 200],
        // Here the learner's own passport: HR and admins may open anyone's, a colleague without reports may not.
        ["/passport/{employeeId?}"] = [SignIn, 200, 403, 200, 200],
        // Who is not yet current on a standard: HR's, and a manager's for their team; none of these visitors has reports.
        ["/passport/standards/{id}"] = [SignIn, 403, 403, 200, 200],
        // The standards heat map: HR's, and a manager's for the people under them.
        ["/passport/heat-map"] = [SignIn, 403, 403, 200, 200],
        // The ideas board is everyone's; an idea that does not exist is not found.
        ["/ideas"] = [SignIn, 200, 200, 200, 200],
        ["/ideas/{id:int}"] = [SignIn, 404, 404, 404, 404],
        // The leading indicator: HR's, administrators' and any manager's (none of these visitors has reports).
        ["/indicator"] = [SignIn, 403, 403, 200, 200],
    };

    private static readonly string?[] Visitors = [null, "newhire@academy.test", "trainer@academy.test", "hr@academy.test", "admin@academy.test"];

    [Fact]
    public void Matrix_CoversEveryPage()
    {
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .ToHashSet();
        Assert.Contains("/catalog", routes);
        Assert.Empty(routes.Except(Matrix.Keys));
        Assert.Empty(Matrix.Keys.Except(routes));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task EveryPage_AnswersAsExpected_ForEachVisitor(int visitor)
    {
        var client = Visitors[visitor] is { } email ? await factory.SignInAsync(email) : factory.NewClient();
        var employeeId = await EmployeeIdAsync("newhire@academy.test");
        var attemptId = await AttemptOfAsync(employeeId);
        var (versionId, quizVersionId) = await VersionIdsAsync();
        var (holderId, _) = await factory.NewEmployeeAsync("Matrix Holder");
        var certificate = await factory.CompleteProgramAsync(holderId);
        var failures = new List<string>();
        foreach (var (pattern, expected) in Matrix)
        {
            var url = pattern switch
            {
                "/modules/{id}/{lesson:int?}" => "/modules/warm-welcome/2",
                "/programs/{id}" => "/programs/onboarding",
                "/hangfire/{**path}" => "/hangfire",
                "/assignments/edit/{id:int?}" => "/assignments/edit",
                "/reports/subscriptions/edit/{id:int?}" => "/reports/subscriptions/edit",
                "/modules/{moduleId}/quizzes/{quizId}" => "/modules/warm-welcome/quizzes/late-arrival",
                "/attempts/{id:int}" => $"/attempts/{attemptId}",
                "/passport/{employeeId?}" => $"/passport/{employeeId}",
                "/passport/standards/{id}" => "/passport/standards/own-the-problem",
                "/admin/employees/{id}" => $"/admin/employees/{employeeId}",
                "/reports/employee/{id}" => $"/reports/employee/{employeeId}",
                "/workspace/edit" => "/workspace/edit?path=modules%2Frefunds%2Fmodule.md",
                "/workspace/versions" => "/workspace/versions?path=modules%2Frefunds%2Fmodule.md",
                "/workspace/versions/{id:int}" => $"/workspace/versions/{versionId}",
                "/workspace/compare" => $"/workspace/compare?from={versionId}&to={versionId}",
                "/workspace/media/{moduleId}" => "/workspace/media/refunds",
                "/workspace/statistics/{versionId:int}" => $"/workspace/statistics/{quizVersionId}",
                "/verify/{code}" => $"/verify/{certificate.Code}",
                "/verify/{code}.json" => $"/verify/{certificate.Code}.json",
                "/certificates/{id:int}/pdf" => $"/certificates/{certificate.Id}/pdf",
                "/certificates/manage/{id:int}" => $"/certificates/manage/{certificate.Id}",
                "/import/{id:int}" => "/import/999999",
                "/ideas/{id:int}" => "/ideas/999999",
                "/import/{id:int}/progress" => "/import/999999/progress",
                _ when pattern.StartsWith("/media/", StringComparison.Ordinal) => "/media/warm-welcome/missing.png",
                _ => pattern,
            };
            var response = await client.GetAsync(url);
            var status = (int)response.StatusCode;
            if (status != expected[visitor])
                failures.Add($"{url}: expected {expected[visitor]}, got {status}");
            else if (status == SignIn && expected[visitor] == SignIn && pattern != "/language"
                     && !response.Headers.Location!.OriginalString.Contains("/account/login", StringComparison.OrdinalIgnoreCase))
                failures.Add($"{url}: redirects to {response.Headers.Location} instead of the sign-in page");
        }
        Assert.True(failures.Count == 0, $"{Visitors[visitor] ?? "anonymous"}:\n{string.Join("\n", failures)}");
    }

    private async Task<int> AttemptOfAsync(string employeeId)
    {
        using var scope = factory.Services.CreateScope();
        var module = scope.ServiceProvider.GetRequiredService<ContentCatalog>().Current.Module("warm-welcome")!;
        return await scope.ServiceProvider.GetRequiredService<Academy.Web.Pages.Quizzes.QuizAttempts>()
            .StartOrResumeAsync(employeeId, module, module.Quiz("late-arrival")!, "en", CancellationToken.None);
    }

    private async Task<(int Module, int Quiz)> VersionIdsAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var module = await db.ContentVersions.Where(v => v.ContentFile!.Path == "modules/refunds/module.md").Select(v => v.Id).FirstAsync();
        var quiz = await db.ContentVersions.Where(v => v.ContentFile!.Path == "modules/warm-welcome/late-arrival.quiz.md").Select(v => v.Id).FirstAsync();
        return (module, quiz);
    }

    private async Task<string> EmployeeIdAsync(string email)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Employee>>();
        return (await users.FindByEmailAsync(email))!.Id;
    }
}
