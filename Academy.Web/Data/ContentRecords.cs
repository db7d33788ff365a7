using Academy.Domain.Content;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Data;

public enum ContentOrigin { File, Browser }

/// <summary>One content source file (a module in one language, a quiz, a program, the standards catalogue)
/// and the version of it that learners see.</summary>
public sealed class ContentFile
{
    public int Id { get; set; }

    /// <summary>Relative to the content root with '/' separators, e.g. <c>modules/refunds/module.fr.md</c>.</summary>
    public string Path { get; set; } = "";
    public ContentKind Kind { get; set; }
    public string DocumentId { get; set; } = "";
    public string Language { get; set; } = "en";
    /// <summary>The <see cref="ContentVersion.Number"/> learners see; null until a version parses without error.</summary>
    public int? PublishedNumber { get; set; }

    /// <summary>Hash of the file as last imported from disk. A file counts as changed only against this, so a
    /// browser publication is not undone by the next start, while a real edit on disk still wins.</summary>
    public string? LastFileHash { get; set; }
    public List<ContentVersion> Versions { get; set; } = [];
}

/// <summary>An immutable, numbered version of a content file: its Markdown and the parsed document
/// (rendered HTML included) as JSON, so that no request renders Markdown.</summary>
public sealed class ContentVersion
{
    public int Id { get; set; }
    public int ContentFileId { get; set; }
    public ContentFile? ContentFile { get; set; }
    public int Number { get; set; }

    /// <summary>SHA-256 of the Markdown, hex: an unchanged file makes no new version.</summary>
    public string Hash { get; set; } = "";
    public string Markdown { get; set; } = "";
    public string DocumentJson { get; set; } = "";
    public ContentOrigin Origin { get; set; }
    public string? Author { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A problem found by the last import; the whole set is replaced at each import.</summary>
public sealed class ContentProblem
{
    public int Id { get; set; }
    public string Path { get; set; } = "";
    public int Line { get; set; }
    public string Message { get; set; } = "";
    public string Fix { get; set; } = "";
    public DateTimeOffset FoundAt { get; set; }
}

public static class ContentQueries
{
    /// <summary>The version learners see of each file, the one its <see cref="ContentFile.PublishedNumber"/> names: the
    /// one place that rule is written, for the catalogue, the editor, the workspace and content health.</summary>
    public static IQueryable<ContentVersion> PublishedVersions(this AcademyDbContext db) =>
        db.ContentVersions.AsNoTracking().Where(v => v.Number == v.ContentFile!.PublishedNumber);
}
