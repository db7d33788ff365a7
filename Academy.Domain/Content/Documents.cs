namespace Academy.Domain.Content;

/// <summary>One non-negotiable service standard from <c>standards.md</c>.</summary>
public sealed record Standard(string Id, string Title, string Html);

public sealed record StandardsDocument(string Title, IReadOnlyList<Standard> Standards);

/// <summary>One lesson page: a <c>##</c> section of a module, already rendered to safe HTML.</summary>
/// <param name="Number">1-based position in the module.</param>
public sealed record Lesson(int Number, string Title, string Html);

/// <summary>A module in one language. Kind, standards, minutes, refresher and audience come from the
/// default-language file; a translation carries its own title and lessons.</summary>
public sealed record ModuleDocument(
    string Id,
    string Language,
    string Title,
    ModuleKind Kind,
    IReadOnlyList<string> Standards,
    int? Minutes,
    Validity? Refresher,
    Audience Audience,
    string IntroHtml,
    IReadOnlyList<Lesson> Lessons,
    Validity? RefresherWindow = null)
{
    /// <summary>How long before expiry a refresher is assigned, when the module does not say: 30 days.</summary>
    public static readonly Validity DefaultRefresherWindow = new(30, ValidityUnit.Days);
}

public sealed record ProgramDocument(
    string Id,
    string Title,
    Audience Audience,
    Validity? Due,
    bool Certificate,
    string DescriptionHtml,
    IReadOnlyList<string> ModuleIds);
