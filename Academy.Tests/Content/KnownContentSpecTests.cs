using System.Text.Json;
using Academy.Domain.Content;

namespace Academy.Tests.Content;

/// <summary>The editor checks one file against everything published. It used to parse every published file again
/// with the edited one (<see cref="ContentParser.ParseAll"/>); it now gives the parser what it knows of them
/// (<see cref="KnownContent"/>). For every cross-file rule, the two must say exactly the same.</summary>
public sealed class KnownContentSpecTests
{
    private const string French = "modules/warm-welcome/module.fr.md";

    /// <summary>What is published: every file without error.</summary>
    private static readonly (string Path, string Text)[] Published =
    [
        // Before standards.md, as the import orders paths: the English catalogue is still the one that says which ids exist.
        ("standards.fr.md", "---\ntitle: Standards\n---\n## L’accueil {#warm-welcome}\nBonjour.\n"),
        ("standards.md", Spec.Standards),
        (Spec.WarmWelcome, """
            ---
            title: The warm welcome
            kind: technical
            standards: [warm-welcome]
            minutes: 20
            refresher: 1 year
            audience: [Front Desk]
            ---
            ## The first ten seconds
            Look up.

            ## Names
            Use the name.
            """),
        (French, "---\ntitle: L'accueil\n---\n## Les dix secondes\nLevez les yeux.\n\n## Le nom\nUtilisez-le.\n"),
        ("modules/listen-first/module.md", Spec.MinimalModule),
        ("modules/warm-welcome/late-arrival.quiz.md", LayoutSpecTests.Quiz),
        ("programs/onboarding.md", "---\ntitle: Onboarding\n---\n1. warm-welcome\n2. listen-first\n"),
    ];

    /// <summary>Files a trainer may be editing: each one meets a cross-file rule, or passes them all.</summary>
    public static TheoryData<string, string> Edited => new()
    {
        { "modules/refunds/module.md", "---\ntitle: Refunds\nkind: technical\nstandards: [warm-welcome, listen-frist, upselling]\n---\n## One\nText.\n" },
        { "modules/refunds/module.md", "---\ntitle: Refunds\nkind: technical\nstandards: [warm-welcome, listen-first]\n---\n## One\nText.\n" },
        { "modules/refunds/module.md", "---\ntitle: Refunds\nstandards: [warm-wellcome]\n---\n## One\nText.\n" },
        { Spec.WarmWelcome, "---\ntitle: The warm welcome, again\nkind: behavioral\nstandards: [listen-first]\n---\n## Only one lesson now\nLook.\n" },
        { French, "---\ntitle: L'accueil\n---\n## Les dix secondes\nLevez les yeux.\n" },
        { French, "---\ntitle: L'accueil\n---\n## Un\nA.\n\n## Deux\nB.\n\n## Trois\nC.\n" },
        { French, "---\ntitle: L'accueil\nkind: behavioral\nminutes: 5\n---\n## Un\nA.\n\n## Deux\nB.\n" },
        { "modules/listen-first/module.fr.md", "---\ntitle: Écouter\n---\n## Un\nA.\n" },
        { "modules/refunds/module.fr.md", "---\ntitle: Remboursements\n---\n## Un\nA.\n" },
        { "modules/warm-welcome/module.de.md", "---\ntitle: Willkommen\n---\n" },
        { "programs/onboarding.md", "---\ntitle: Onboarding\n---\n1. warm-welcome\n2. listen-frist\n3. complaints\n" },
        { "programs/leaders.md", "---\ntitle: Leaders\ndue: 30 days\n---\n1. listen-first\n2. warm-welcome\n" },
        { "modules/warm-welcome/late-arrival.quiz.fr.md", LayoutSpecTests.Quiz },
        { "modules/warm-welcome/quiet-room.quiz.fr.md", LayoutSpecTests.Quiz },
        { "modules/listen-first/check.quiz.md", LayoutSpecTests.Quiz },
        { "modules/complaints/check.quiz.md", LayoutSpecTests.Quiz },
        { "modules/complaints/check.quiz.fr.md", LayoutSpecTests.Quiz },
        { "standards.md", Spec.Standards.Replace("{#listen-first}", "{#listen}", StringComparison.Ordinal) },
        { "standards.md", "---\ntitle: Broken\n" },
        { "standards.fr.md", "---\ntitle: Standards\n---\n## L’accueil {#warm-welcome}\nBonjour.\n\n## Écouter {#listen-first}\nÉcoutez.\n" },
        { "standards.fr.md", "---\ntitle: Standards\n---\n## Écouter {#listen-frist}\nÉcoutez.\n\n## Vendre {#upselling}\nVendez.\n" },
        { "standards.de.md", "---\ntitle: Standards\n---\n## Zuhören {#listen-first}\nZuhören.\n\nFrame (de): Nichts.\n" },
        { "README.md", "# Guide\n" },
        { "modules/warm-welcome/media/notes.md", "notes" },
        { "modules/refunds/module.md", "---\ntitle: Deep\nkind: technical\nstandards: [nope]\n---\n## One\n" + ParserLimitsSpecTests.LongParagraph },
    };

    [Theory]
    [MemberData(nameof(Edited))]
    public void Check_SaysWhatParsingEverythingSays_ForOneEditedFile(string path, string text)
    {
        var all = ContentParser.ParseAll(Published.Select(f => new SourceFile(f.Path, f.Text)));
        Assert.All(all, f => Assert.True(f.Ok, string.Join("\n", f.Errors)));

        // Before: every published file but the edited one, parsed again with the edited text.
        var everything = ContentParser.ParseAll(Published.Where(f => f.Path != path).Select(f => new SourceFile(f.Path, f.Text)).Append(new SourceFile(path, text)))
            .SingleOrDefault(f => f.Path == path) ?? ContentParser.Parse(new SourceFile(path, text));
        // Now: what the published files are known to hold, as the site keeps it.
        var alone = ContentParser.Parse(new SourceFile(path, text), KnownContent.Of(all));

        AssertSame(everything, alone);
    }

    [Fact]
    public void Check_SaysWhatParsingEverythingSays_WhenNothingIsPublishedYet()
    {
        foreach (var (path, text) in Edited.Select(row => ((string)row[0], (string)row[1])))
            AssertSame(
                ContentParser.ParseAll([new SourceFile(path, text)]).SingleOrDefault() ?? ContentParser.Parse(new SourceFile(path, text)),
                ContentParser.Parse(new SourceFile(path, text), KnownContent.None));
    }

    [Fact]
    public void Check_SaysWhatParsingEverythingSays_ForEveryFileOfTheRealContent()
    {
        var root = Path.Combine(Pages.AcademyFactory.RepositoryRoot, "content");
        var sources = Academy.Web.Data.ContentImporter.ReadSources(root);
        var all = ContentParser.ParseAll(sources);
        var known = KnownContent.Of(all);

        foreach (var source in sources.Where(s => ContentParser.IsContent(s.Path)))
            AssertSame(all.In(source.Path), ContentParser.Parse(source, known));
    }

    [Fact]
    public void Check_GivesATranslationTheMetadataOfItsModule_AsParsingEverythingDoes()
    {
        var all = ContentParser.ParseAll(Published.Select(f => new SourceFile(f.Path, f.Text)));

        var french = ContentParser.Parse(new SourceFile(French, Published.Single(f => f.Path == French).Text), KnownContent.Of(all)).Document<ModuleDocument>();

        Assert.Equal((ModuleKind.Technical, 20, new Validity(1, ValidityUnit.Years)), (french.Kind, french.Minutes!.Value, french.Refresher!.Value));
        Assert.Equal(["warm-welcome"], french.Standards);
        Assert.Equal(["Front Desk"], french.Audience.Groups);
    }

    private static void AssertSame(ParsedFile expected, ParsedFile actual)
    {
        Assert.Equal((expected.Path, expected.Kind, expected.DocumentId, expected.Language), (actual.Path, actual.Kind, actual.DocumentId, actual.Language));
        Assert.Equal(expected.Errors, actual.Errors);
        Assert.Equal(Json(expected.Document), Json(actual.Document));
    }

    private static string Json(object? document) => document is null ? "null" : JsonSerializer.Serialize(document, document.GetType());
}
