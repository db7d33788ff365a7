using System.Text.Json.Serialization;
using Academy.Domain.Quizzes;

namespace Academy.Domain.Content;

/// <summary>What parsing one content file gives: a closed set of documents, one per <see cref="ContentKind"/>.</summary>
/// <remarks>The web app stores documents as JSON through this type, so the JSON starts with a <c>"$type"</c>
/// discriminator that names the document's kind. Versions stored before the discriminator existed have none;
/// whoever reads them must know their kind from elsewhere (the web app has it on each file's row).</remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = TypeProperty)]
[JsonDerivedType(typeof(StandardsDocument), "standards")]
[JsonDerivedType(typeof(ModuleDocument), "module")]
[JsonDerivedType(typeof(ProgramDocument), "program")]
[JsonDerivedType(typeof(QuizDocument), "quiz")]
[JsonDerivedType(typeof(LineupDocument), "lineup")]
public abstract record ContentDocument
{
    /// <summary>The name of the JSON property that holds the discriminator.</summary>
    public const string TypeProperty = "$type";

    // Only this assembly's documents belong to the hierarchy: the JSON attributes above list them all.
    private protected ContentDocument()
    {
    }

    /// <summary>The kind of file this document is read from.</summary>
    [JsonIgnore]
    public ContentKind ContentKind => this switch
    {
        StandardsDocument => ContentKind.Standards,
        ModuleDocument => ContentKind.Module,
        ProgramDocument => ContentKind.Program,
        QuizDocument => ContentKind.Quiz,
        LineupDocument => ContentKind.Lineup,
        _ => throw new InvalidOperationException($"{GetType().Name} is not a content document."),
    };
}

/// <summary>One non-negotiable service standard from <c>standards.md</c>.</summary>
/// <param name="Frame">What an employee may decide alone under this standard, in English (plain text); <c>null</c> when
/// the standard states no frame. Last and optional, as standards stored before frames existed have none.</param>
/// <param name="FrameTranslations">The frame in other languages, by language code.</param>
/// <param name="Translations">The title and description in other languages, by language code, from
/// <c>standards.&lt;lang&gt;.md</c>. Not stored with standards.md's document: the site attaches each translation's
/// published version when it loads the content (<see cref="WithTranslations"/>).</param>
public sealed record Standard(string Id, string Title, string Html, string? Frame = null, IReadOnlyDictionary<string, string>? FrameTranslations = null,
    IReadOnlyDictionary<string, StandardText>? Translations = null)
{
    /// <summary>The frame in <paramref name="language"/>, or in English when it has no translation.</summary>
    public string? FrameIn(string language) => FrameTranslations?.GetValueOrDefault(language) ?? Frame;

    /// <summary>The title in <paramref name="language"/>, or in English when this standard is not translated into it.</summary>
    public string TitleIn(string language) => Translations?.GetValueOrDefault(language)?.Title ?? Title;

    /// <summary>The description in <paramref name="language"/>, or in English when this standard is not translated into it.</summary>
    public string HtmlIn(string language) => Translations?.GetValueOrDefault(language)?.Html ?? Html;

    /// <summary>The language that <see cref="TitleIn"/> and <see cref="HtmlIn"/> give for <paramref name="language"/>:
    /// itself when translated, else English. Pages mark the text with it.</summary>
    public string LanguageIn(string language) =>
        Translations?.ContainsKey(language) == true ? language : ContentPath.DefaultLanguage;

    /// <summary>This standard with its title and description from each translated catalogue that has it; a
    /// translation that leaves it out leaves it in English.</summary>
    public Standard WithTranslations(IEnumerable<StandardsDocument> translations)
    {
        var texts = new Dictionary<string, StandardText>(StringComparer.Ordinal);
        foreach (var translation in translations)
        {
            if (translation.Standards.FirstOrDefault(s => s.Id == Id) is { } words)
                texts[translation.Language] = new StandardText(words.Title, words.Html);
        }
        return this with { Translations = texts.Count > 0 ? texts : null };
    }
}

/// <summary>A standard's title and description in one other language.</summary>
public sealed record StandardText(string Title, string Html);

/// <summary>The standards catalogue in one language: <c>standards.md</c>, or a translation (<c>standards.fr.md</c>)
/// that holds only the standards it translates, without frames (those are written in <c>standards.md</c>).</summary>
/// <param name="Language">Last and optional, as catalogues stored before translations existed are in English.</param>
public sealed record StandardsDocument(string Title, IReadOnlyList<Standard> Standards, string Language = ContentPath.DefaultLanguage) : ContentDocument;

/// <summary>One lesson page: a <c>##</c> section of a module, already rendered to safe HTML.</summary>
/// <param name="Number">1-based position in the module.</param>
public sealed record Lesson(int Number, string Title, string Html);

/// <summary>A module in one language. Kind, standards, minutes, refresher, audience and certificate come from the
/// default-language file; a translation carries its own title and lessons.</summary>
/// <param name="Certificate">Completing this module alone issues a certificate for it (<c>certificate: true</c>).</param>
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
    Validity? RefresherWindow = null,
    bool Certificate = false) : ContentDocument
{
    /// <summary>How long before expiry a refresher is assigned, when the module does not say: 30 days.</summary>
    public static readonly Validity DefaultRefresherWindow = new(30, ValidityUnit.Days);

    /// <summary>This translation with the metadata of <paramref name="original"/>, its default-language module:
    /// that file owns a module's kind, standards, minutes, refresher, audience and certificate; a translation owns only its words.</summary>
    public ModuleDocument WithMetadataOf(ModuleDocument original) => this with
    {
        Kind = original.Kind,
        Standards = original.Standards,
        Minutes = original.Minutes,
        Refresher = original.Refresher,
        RefresherWindow = original.RefresherWindow,
        Audience = original.Audience,
        Certificate = original.Certificate,
    };
}

public sealed record ProgramDocument(
    string Id,
    string Title,
    Audience Audience,
    Validity? Due,
    bool Certificate,
    string DescriptionHtml,
    IReadOnlyList<string> ModuleIds) : ContentDocument;

/// <summary>The daily line-up's rotation from <c>lineup.md</c>: the standard each working day goes over.</summary>
/// <param name="Cycle">Standard ids, one per working day, repeated from <paramref name="Start"/>; empty means every
/// standard of standards.md in its order.</param>
/// <param name="Calendar">Days that name their standard, overriding the cycle.</param>
/// <param name="WorkingDays">The days the cycle moves on; on other days it stays on the last working day's standard.</param>
/// <param name="Start">A day on which the cycle gives its first standard.</param>
public sealed record LineupDocument(IReadOnlyList<string> Cycle, IReadOnlyList<LineupDay> Calendar, IReadOnlyList<DayOfWeek> WorkingDays, DateOnly Start) : ContentDocument;

/// <summary>One calendar line of <c>lineup.md</c>.</summary>
public sealed record LineupDay(DateOnly Date, string StandardId);
