using Academy.Domain.Content;

namespace Academy.Tests.Content;

/// <summary>content/README.md, "Standards (standards.md)": each <c>## Title {#id}</c> is one standard, the text
/// under it describes it.</summary>
public sealed class StandardsSpecTests
{
    [Fact]
    public void Standards_ParseTitleIdsAndDescriptions_WhenEachHeadingHasAnId()
    {
        var file = Spec.Parse("standards.md", """
            ---
            title: Service standards
            ---
            These are the experiences every customer must get from us.

            ## The *warm* welcome {#warm-welcome}
            Every customer is acknowledged within **ten seconds**.

            ### At the desk
            Eye contact and a smile.

            ## Listen before acting {#listen-first}
            Let the customer finish.
            """);

        Assert.Equal(ContentKind.Standards, file.Kind);
        Assert.Equal("standards", file.DocumentId);
        Assert.Equal("en", file.Language);
        var catalogue = file.Document<StandardsDocument>();
        Assert.Equal("Service standards", catalogue.Title);
        Assert.Collection(catalogue.Standards,
            s =>
            {
                Assert.Equal("warm-welcome", s.Id);
                Assert.Equal("The warm welcome", s.Title);
                Assert.Equal("<p>Every customer is acknowledged within <strong>ten seconds</strong>.</p>\n<h3>At the desk</h3>\n<p>Eye contact and a smile.</p>\n", s.Html);
            },
            s =>
            {
                Assert.Equal("listen-first", s.Id);
                Assert.Equal("Listen before acting", s.Title);
                Assert.Equal("<p>Let the customer finish.</p>\n", s.Html);
            });
    }

    [Fact]
    public void Standards_LeaveOutIntroduction_WhenTextComesBeforeTheFirstStandard()
    {
        var catalogue = Spec.Parse("standards.md", Spec.Standards.Replace("---\n## The warm", "---\nThe floor we never go below.\n\n## The warm")).Document<StandardsDocument>();

        Assert.DoesNotContain(catalogue.Standards, s => s.Html.Contains("floor"));
        Assert.Equal(2, catalogue.Standards.Count);
    }

    [Fact]
    public void StandardHeading_IsAnErrorSuggestingAnId_WhenItHasNoId()
    {
        var file = Spec.Parse("standards.md", """
            ---
            title: Service standards
            ---
            ## The warm welcome {#warm-welcome}
            Every customer is acknowledged.

            ## Keep every promise
            Promise only what you control.
            """);

        file.SingleError(7, "'Keep every promise' has no id", "'## Keep every promise {#keep-every-promise}'");
    }

    [Theory]
    [InlineData("Keep_Promises")]
    [InlineData("keep promises")]
    [InlineData("")]
    public void StandardId_IsAnError_WhenNotLowercaseLettersDigitsAndHyphens(string id)
    {
        var file = Spec.Parse("standards.md", $"""
            ---
            title: Service standards
            ---
            ## Keep every promise {"{#"}{id}{"}"}
            Promise only what you control.
            """);

        file.SingleError(4, $"'{id}' is not a valid standard id", "lowercase letters, digits and hyphens");
    }

    [Fact]
    public void StandardId_IsAnErrorNamingBothLines_WhenUsedTwice()
    {
        var file = Spec.Parse("standards.md", """
            ---
            title: Service standards
            ---
            ## The warm welcome {#warm-welcome}
            Every customer is acknowledged.

            ## Listen before acting {#listen-first}
            Let the customer finish.

            ## A warm goodbye {#warm-welcome}
            Every customer is thanked.
            """);

        file.SingleError(10, "'warm-welcome' is used twice: on line 4 and on line 10", "its own id");
    }

    [Fact]
    public void Standards_IsAnError_WhenNoStandardIsDefined()
    {
        var file = Spec.Parse("standards.md", """
            ---
            title: Service standards
            ---
            The floor we never go below.
            """);

        file.SingleError(4, "defines no standard", "'## Keep every promise {#keep-promises}'");
    }

    [Fact]
    public void StandardsFrontMatter_RejectsAnyKeyButTitle_WhenAnotherKeyIsGiven()
    {
        var file = Spec.Parse("standards.md", """
            ---
            title: Service standards
            kind: behavioral
            ---
            ## The warm welcome {#warm-welcome}
            Every customer is acknowledged.
            """);

        file.SingleError(3, "Unknown front-matter key 'kind'", "title");
    }

    [Fact]
    public void StandardsFrontMatter_IsAnError_WhenTitleIsMissing()
    {
        var file = Spec.Parse("standards.md", """
            ---
            ---
            ## The warm welcome {#warm-welcome}
            Every customer is acknowledged.
            """);

        file.SingleError(2, "required key 'title' is missing");
    }
}
