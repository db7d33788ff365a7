using System.Text.RegularExpressions;

namespace Academy.Domain.Content;

/// <summary>What a path in the content folder holds, read from the layout alone (before the file is parsed),
/// so that cross-file checks know every module id even when a module's own text has errors.</summary>
/// <param name="Id">The standards catalogue's <c>standards</c>, the module's folder, the program's file name, or the quiz's
/// name before <c>.quiz</c>; not yet checked against <c>[a-z0-9-]+</c>.</param>
/// <param name="Folder">The module folder of a module or quiz file; <c>null</c> otherwise.</param>
public sealed partial record ContentPath(ContentKind Kind, string Id, string Language, string? Folder)
{
    public const string DefaultLanguage = "en";

    /// <summary>The layout of <c>content/README.md</c>; <c>null</c> for any other path.</summary>
    public static ContentPath? Of(string path)
    {
        var parts = path.Split('/');
        switch (parts)
        {
            case ["standards.md"]:
                return new ContentPath(ContentKind.Standards, "standards", DefaultLanguage, null);
            // "standards.en.md" would be a second English catalogue beside standards.md.
            case [var name] when StandardsTranslation().Match(name) is { Success: true } standards && standards.Groups[1].Value != DefaultLanguage:
                return new ContentPath(ContentKind.Standards, "standards", standards.Groups[1].Value, null);
            case ["lineup.md"]:
                return new ContentPath(ContentKind.Lineup, "lineup", DefaultLanguage, null);
            case ["programs", var name] when name.EndsWith(".md", StringComparison.Ordinal) && name.Length > 3:
                return new ContentPath(ContentKind.Program, name[..^3], DefaultLanguage, null);
            case ["modules", var folder, var name] when folder.Length > 0:
                var module = ModuleFile().Match(name);
                if (module.Success)
                {
                    var language = module.Groups[1].Success ? module.Groups[1].Value : DefaultLanguage;
                    // "module.en.md" would be a second English file beside module.md.
                    return module.Groups[1].Success && language == DefaultLanguage ? null : new ContentPath(ContentKind.Module, folder, language, folder);
                }
                var quiz = QuizFile().Match(name);
                if (quiz.Success)
                {
                    var language = quiz.Groups[2].Success ? quiz.Groups[2].Value : DefaultLanguage;
                    return quiz.Groups[2].Success && language == DefaultLanguage ? null : new ContentPath(ContentKind.Quiz, quiz.Groups[1].Value, language, folder);
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>Where a module's default-language file lives.</summary>
    public static string ModuleFile(string moduleId) => $"modules/{moduleId}/module.md";

    /// <summary>Where a quiz's default-language file lives, in its module's folder.</summary>
    public static string QuizFile(string moduleId, string quizId) => $"modules/{moduleId}/{quizId}.quiz.md";

    /// <summary>Where a program's file lives.</summary>
    public static string ProgramFile(string programId) => $"programs/{programId}.md";

    /// <summary>Files that live in the content folder without being content: the trainers' guide and pictures.</summary>
    public static bool IsIgnored(string path)
    {
        if (path == "README.md") return true;
        var parts = path.Split('/');
        return parts[..^1].Contains("media", StringComparer.Ordinal);
    }

    public bool IsTranslation => Language != DefaultLanguage;

    [GeneratedRegex(@"^standards\.([a-z]{2})\.md$")]
    private static partial Regex StandardsTranslation();

    [GeneratedRegex(@"^module(?:\.([a-z]{2}))?\.md$")]
    private static partial Regex ModuleFile();

    [GeneratedRegex(@"^(.+?)\.quiz(?:\.([a-z]{2}))?\.md$")]
    private static partial Regex QuizFile();
}
