using Academy.Domain.Content;

namespace Academy.Tests.Content;

/// <summary>content/README.md: "Raw HTML is not rendered." Trainers' Markdown reaches every employee's browser,
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
    public void Image_IsNeutralisedWhenRendered_WhenItsSourceIsJavascript()
    {
        var html = MarkdownRenderer.Render("![Desk](javascript:alert(1))", "/media/warm-welcome/");

        Assert.Equal("<p><img src=\"#\" alt=\"Desk\" /></p>\n", html);
    }

    /// <summary>An image loads by itself when the page opens, with the reader's cookies: pointed at a page of the site
    /// it would act for every reader (mark lessons read, change their language), so the parser refuses it.</summary>
    [Theory]
    [InlineData("/modules/other/1")]
    [InlineData("/language?culture=fr&returnUrl=/")]
    [InlineData("http://tracker.example/pixel.png")]
    [InlineData("data:image/png;base64,iVBORw0KGgo=")]
    [InlineData("//evil.example/x.png")]
    [InlineData("../other/media/x.png")]
    [InlineData("desk.png")]
    [InlineData("https:/modules/other/1")]
    [InlineData("https:modules/other/1")]
    [InlineData("https:///modules/other/1")]
    [InlineData("javascript:alert(1)")]
    [InlineData("")]
    public void Image_IsAnErrorOnItsLine_WhenItsSourceIsNeitherTheModulesMediaNorHttps(string source)
    {
        var file = Spec.Parse(Spec.WarmWelcome, $"---\ntitle: The warm welcome\nkind: behavioral\n---\n## The lesson\nLook.\n\nThe desk: ![Desk]({source}) here.\n");

        var error = file.SingleError(8, $"The image '{source}' is neither a picture of this module nor an https:// address.");
        Assert.Contains("'![description](media/name.png)'", error.Fix);
        Assert.Contains("full https:// address", error.Fix);
    }

    [Theory]
    [InlineData("![Desk][desk]\n\n[desk]: /modules/other/1", 6)]
    [InlineData("[![Desk](/modules/other/1)](https://example.com)", 6)]
    [InlineData("> - A quoted list\n>   - nested, with *an ![Desk](/modules/other/1) inside*", 7)]
    [InlineData("| a | b |\n| - | - |\n| x | ![Desk](/modules/other/1) |", 8)]
    [InlineData("Text\non lines\nthat go on ![Desk](/modules/other/1)", 8)]
    public void Image_IsAnErrorOnItsLine_WhereverItIsWritten(string markdown, int line)
    {
        var file = Spec.Parse(Spec.WarmWelcome, "---\ntitle: The warm welcome\nkind: behavioral\n---\n## The lesson\n" + markdown + "\n");

        file.SingleError(line, "The image '/modules/other/1' is neither");
    }

    [Theory]
    [InlineData("media/desk.jpg", "/media/warm-welcome/desk.jpg")]
    [InlineData("./media/desk.jpg", "/media/warm-welcome/desk.jpg")]
    [InlineData("media/Front_desk-2.v1.png", "/media/warm-welcome/Front_desk-2.v1.png")]
    [InlineData("https://example.com/pictures/desk.png?size=2", "https://example.com/pictures/desk.png?size=2")]
    [InlineData("HTTPS://example.com/desk.png", "HTTPS://example.com/desk.png")]
    public void Image_IsShown_WhenItIsAPictureOfTheModuleOrAnHttpsAddress(string source, string src)
    {
        Assert.Contains($"src=\"{src}\"", LessonHtml($"![Desk]({source})"));
    }

    [Theory]
    [InlineData("media/rooms/desk.jpg")]
    [InlineData("media/.hidden.png")]
    [InlineData("media/../../modules/other/1")]
    [InlineData("media/my%20desk.png")]
    public void Image_IsAnErrorSayingHowPicturesAreNamed_WhenInTheMediaFolderButNotServed(string source)
    {
        var file = Spec.Parse(Spec.WarmWelcome, $"---\ntitle: The warm welcome\nkind: behavioral\n---\n## The lesson\n![Desk]({source})\n");

        var error = file.SingleError(6, $"The image '{source}' is not a file the site can show from this module's media folder.");
        Assert.Contains("directly in the module's media/ folder", error.Fix);
    }

    [Fact]
    public void Image_IsAnErrorOnEachOfItsLines_WhenSeveralAreRefused()
    {
        var file = Spec.Parse(Spec.WarmWelcome,
            "---\ntitle: The warm welcome\nkind: behavioral\n---\n![Intro](/modules/a/1)\n\n## The lesson\nFine ![ok](media/ok.png)\n\n![Bad](http://x.test/a.png)\n");

        Assert.Null(file.Document);
        Assert.Equal([5, 10], file.Errors.Select(e => e.Line));
    }

    [Fact]
    public void Image_MayOnlyBeHttps_InAStandardOrAProgramDescription()
    {
        var standards = Spec.Parse("standards.md", "---\ntitle: Standards\n---\n## Welcome {#welcome}\nSee ![desk](media/desk.png).\n");
        var program = Spec.Parse("programs/onboarding.md", "---\ntitle: Onboarding\n---\n![Team](/modules/warm-welcome/1)\n\n1. warm-welcome\n");
        var allowed = Spec.Parse("programs/onboarding.md", "---\ntitle: Onboarding\n---\n![Team](https://example.com/team.png)\n\n1. warm-welcome\n");

        var error = standards.SingleError(5, "The image 'media/desk.png' is not an https:// address.");
        Assert.Contains("'![description](https://example.com/picture.png)'", error.Fix);
        program.SingleError(4, "The image '/modules/warm-welcome/1' is not an https:// address.");
        Assert.Contains("src=\"https://example.com/team.png\"", allowed.Document<ProgramDocument>().DescriptionHtml);
    }

    [Fact]
    public void Image_IsAnErrorOnItsLine_InAQuizStepAChoiceAndAFeedback()
    {
        var quiz = Spec.Parse("modules/warm-welcome/check.quiz.md", """
            ---
            title: Check
            ---
            ## Arrival {#arrival}
            ![Lobby](/modules/warm-welcome/2)

            - [x] Greet her ![smile](/language?culture=fr&returnUrl=/)
              > Right. ![ok](media/ok.png) ![bad](http://x.test/b.png)
            - [ ] Wait
            """);

        Assert.Null(quiz.Document);
        Assert.Equal([5, 7, 8], quiz.Errors.Select(e => e.Line));
        Assert.All(quiz.Errors, e => Assert.Contains("is neither a picture of this module nor an https:// address", e.Message));
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
    [InlineData("[Desk](media/rooms/media/desk.jpg)", "href=\"/media/warm-welcome/rooms/media/desk.jpg\"")]
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
