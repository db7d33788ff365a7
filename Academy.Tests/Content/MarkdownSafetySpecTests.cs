using Academy.Domain.Content;

namespace Academy.Tests.Content;

/// <summary>CONTENT-FORMAT.md: "Raw HTML is not rendered." Trainers' Markdown reaches every employee's browser,
/// so nothing in it may run script; relative links point into the module's media folder.</summary>
public sealed class MarkdownSafetySpecTests
{
    private static string LessonHtml(string lessonMarkdown) =>
        Spec.Parse(Spec.WarmWelcome, "---\ntitle: The warm welcome\nkind: behavioral\n---\n## The lesson\n" + lessonMarkdown + "\n")
            .Document<ModuleDocument>().Lessons.Single().Html;

    [Fact]
    public void RawHtmlBlock_ComesOutEscaped_WhenALessonContainsAScript()
    {
        var html = LessonHtml("""
            <script>alert('hi')</script>

            <div onclick="steal()">Click</div>
            """);

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<div", html);
        Assert.Contains("&lt;script&gt;alert('hi')&lt;/script&gt;", html);
        Assert.Contains("&lt;div onclick=&quot;steal()&quot;&gt;Click&lt;/div&gt;", html);
    }

    [Fact]
    public void RawInlineHtml_ComesOutEscaped_WhenInsideAParagraph()
    {
        var html = LessonHtml("Say <b onmouseover=\"steal()\">hello</b> <img src=x onerror=alert(1)> warmly.");

        Assert.Equal("<p>Say &lt;b onmouseover=&quot;steal()&quot;&gt;hello&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt; warmly.</p>\n", html);
    }

    [Fact]
    public void RawHtml_ComesOutEscaped_WhenInAStandardOrAProgramDescription()
    {
        var standard = Spec.Parse("standards.md", "---\ntitle: Standards\n---\n## Welcome {#welcome}\n<script>alert(1)</script>\n")
            .Document<StandardsDocument>().Standards.Single();
        var program = Spec.Parse("programs/onboarding.md", "---\ntitle: Onboarding\n---\n<iframe src=\"https://evil.example\"></iframe>\n\n1. warm-welcome\n")
            .Document<ProgramDocument>();

        Assert.DoesNotContain("<script", standard.Html);
        Assert.DoesNotContain("<iframe", program.DescriptionHtml);
        Assert.Contains("&lt;iframe", program.DescriptionHtml);
    }

    [Theory]
    [InlineData("[Click](javascript:alert(1))")]
    [InlineData("[Click](JaVaScRiPt:alert(1))")]
    [InlineData("[Click](<java\tscript:alert(1)>)")]
    [InlineData("[Click](java&#9;script:alert(1))")]
    [InlineData("[Click](&#106;avascript:alert(1))")]
    [InlineData("[Click](vbscript:msgbox(1))")]
    [InlineData("[Click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[Click](//evil.example/x)")]
    [InlineData("[Click][bad]\n\n[bad]: javascript:alert(1)")]
    [InlineData("<javascript:alert(1)>")]
    public void Link_IsNeutralised_WhenItsAddressCouldRunScriptOrLeaveTheSite(string markdown)
    {
        var html = LessonHtml(markdown);

        Assert.Contains("href=\"#\"", html);
        Assert.DoesNotContain("script:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html);
        Assert.DoesNotContain("evil.example", html);
    }

    [Fact]
    public void Image_IsNeutralised_WhenItsSourceIsJavascript()
    {
        var html = LessonHtml("![Desk](javascript:alert(1))");

        Assert.Equal("<p><img src=\"#\" alt=\"Desk\" /></p>\n", html);
    }

    [Theory]
    [InlineData("[Site](https://example.com/a?b=1)", "https://example.com/a?b=1")]
    [InlineData("[Site](HTTP://example.com)", "HTTP://example.com")]
    [InlineData("[Mail](mailto:training@example.com)", "mailto:training@example.com")]
    [InlineData("[Down](#names)", "#names")]
    [InlineData("[Root](/programs/onboarding)", "/programs/onboarding")]
    [InlineData("www.example.com", "http://www.example.com")]
    public void Link_IsKept_WhenItIsHttpMailtoOrOnTheSite(string markdown, string href)
    {
        Assert.Contains($"href=\"{href}\"", LessonHtml(markdown));
    }

    [Theory]
    [InlineData("[Desk](media/x.png)", "href=\"/media/warm-welcome/x.png\"")]
    [InlineData("![Desk](media/desk.jpg)", "src=\"/media/warm-welcome/desk.jpg\"")]
    [InlineData("![Desk](./media/desk.jpg)", "src=\"/media/warm-welcome/desk.jpg\"")]
    [InlineData("![Desk](media/rooms/media/desk.jpg)", "src=\"/media/warm-welcome/rooms/media/desk.jpg\"")]
    public void RelativeLink_PointsIntoTheModulesMediaFolder_WhenInALesson(string markdown, string expected)
    {
        Assert.Contains(expected, LessonHtml(markdown));
    }

    [Fact]
    public void RelativeLink_PointsIntoTheModulesMediaFolder_WhenInTheIntroduction()
    {
        var module = Spec.Parse("modules/refunds/module.md", "---\ntitle: Refunds\nkind: technical\n---\n![Till](media/till.png)\n\n## One\nText.\n")
            .Document<ModuleDocument>();

        Assert.Contains("src=\"/media/refunds/till.png\"", module.IntroHtml);
    }
}
