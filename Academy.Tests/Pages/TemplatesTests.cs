using Academy.Domain.Content;
using Academy.Domain.Quizzes;
using Academy.Tests.Content;
using Academy.Web.Pages.Workspace;

namespace Academy.Tests.Pages;

/// <summary>A trainer's new file starts from a template: each must publish as it stands.</summary>
public sealed class TemplatesTests
{
    [Theory]
    [InlineData("module", "modules/new-module/module.md")]
    [InlineData("scenario", "modules/new-module/first-scenario.quiz.md")]
    [InlineData("check", "modules/new-module/first-check.quiz.md")]
    public void Template_ParsesWithoutError(string kind, string path)
    {
        var files = new List<SourceFile> { new("standards.md", "---\ntitle: Standards\n---\n## Warm welcome {#warm-welcome}\nText.\n") };
        if (kind != "module") files.Add(new("modules/new-module/module.md", Templates.For("module", "Host module")));
        files.Add(new(path, Templates.For(kind, "A \"quoted\" title: with a colon")));

        var parsed = ContentParser.ParseAll(files).Single(f => f.Path == path);

        Assert.True(parsed.Ok, string.Join("\n", parsed.Errors));
    }

    [Fact]
    public void ScenarioTemplate_NeverPutsTheBestChoiceFirst_AndHasABriefing()
    {
        var files = new List<SourceFile>
        {
            new("modules/new-module/module.md", Templates.For("module", "Host module")),
            new("modules/new-module/first-scenario.quiz.md", Templates.For("scenario", "First scenario")),
        };

        var quiz = ContentParser.ParseAll(files)[1].Document<QuizDocument>();

        Assert.NotEmpty(quiz.BriefingHtml);
        Assert.All(quiz.Steps.Where(s => s.IsWeighted), step => Assert.NotSame(step.BestChoice, step.Choices[0]));
    }

    [Fact]
    public void ProgramTemplate_ParsesWithoutError_WithEveryKeyAProgramTakes()
    {
        var files = new List<SourceFile>
        {
            new("modules/new-module/module.md", Templates.For("module", "Host module")),
            new("modules/other-module/module.md", Templates.For("module", "Other module")),
            new("programs/new-program.md", Templates.Program("new-program", "A \"quoted\" title: with a colon", ["new-module", "other-module"])),
        };

        var program = ContentParser.ParseAll(files)[2].Document<ProgramDocument>();

        Assert.Equal("A \"quoted\" title: with a colon", program.Title);
        Assert.Equal(["new-module", "other-module"], program.ModuleIds);
        Assert.True(program.Audience.Everyone);
        Assert.Equal(new Validity(30, ValidityUnit.Days), program.Due);
        Assert.True(program.Certificate);
    }
}
