namespace Academy.Tests.Content;

/// <summary>Quiz files come from the browser editor as well as from Git, so the parser must turn any text into
/// a document or errors, never an exception.</summary>
public sealed class QuizParserRobustnessTests
{
    private static readonly string[] Fragments =
    [
        "## Step {#a}", "## Step {#b}", "## Other", "## {#}", "## Bad {#B_1}", "# Title", "### Sub",
        "- [x] Right -> b", "- [ ] Wrong -> a", "- [3] Best -> end", "- [0] Harmful -> nowhere", "- [2] Good",
        "- []", "- [x]", "- plain item", "- > quote item", "-", "* [x] star", "1. [x] numbered", "  > feedback",
        "  indented feedback -> b", "> quote", "", "", "text", "[3]: https://example.com", "```", "---", "<b>html</b>",
        "  - [x] nested", "\t- [1] tab", "- [x] a \\-> b", "===",
    ];

    [Fact]
    public void Parse_ReturnsADocumentOrErrors_WhenTheBodyIsAnyMixOfQuizLines()
    {
        for (var seed = 0; seed < 1000; seed++)
        {
            var random = new Random(seed);
            var lines = Enumerable.Range(0, random.Next(0, 25)).Select(_ => Fragments[random.Next(Fragments.Length)]);
            var text = "---\ntitle: T\n" + (random.Next(3) == 0 ? "draw: 2\n" : "") + "---\n" + string.Join('\n', lines);

            var (document, errors) = QuizFiles.Read(text);

            Assert.True(document is not null ^ errors.Count > 0, $"Seed {seed}: a document and errors, or neither.");
            Assert.All(errors, e => Assert.InRange(e.Line, 1, text.Split('\n').Length));
        }
    }

    [Fact]
    public void Parse_ReportsTheItem_WhenAChoiceListHasAnItemWithoutParagraph()
    {
        var error = QuizFiles.SingleError("""
            ---
            title: T
            ---
            ## Q
            - [x] Welcome her
            - > She is tired.
            """);

        Assert.Equal(6, error.Line);
        Assert.Contains("has no mark", error.Message);
    }
}
