using Academy.Domain.Content;
using Academy.Web.Data;

namespace Academy.Web.Pages.Workspace;

/// <summary>Where a module that a program lists stands: only published modules can be taken by learners.</summary>
public enum ListedModuleStatus { Published, DraftOnly, Unknown }

/// <summary>A program's module list as the editor's preview shows it, in order, with each module's status: read from the
/// text being typed, so the list shows even while the file has errors (which the parser reports on their lines).</summary>
public sealed record ProgramOutline(IReadOnlyList<ProgramOutline.Row> Modules)
{
    /// <param name="Title">The published module's title; <c>null</c> for a draft or an unknown id.</param>
    public sealed record Row(int Position, string Id, int Line, ListedModuleStatus Status, string? Title);

    /// <summary>The outline of <paramref name="markdown"/> when <paramref name="path"/> is a program; <c>null</c> otherwise.</summary>
    public static ProgramOutline? Of(string path, string markdown, PublishedContent content, IReadOnlySet<string> moduleDrafts)
    {
        if (ContentPath.Of(path)?.Kind != ContentKind.Program) return null;
        return new ProgramOutline(ContentParser.ListedModules(new SourceFile(path, markdown))
            .Select((listed, i) => content.Module(listed.Id) is { } module
                ? new Row(i + 1, listed.Id, listed.Line, ListedModuleStatus.Published, module.Default.Title)
                : new Row(i + 1, listed.Id, listed.Line, moduleDrafts.Contains(listed.Id) ? ListedModuleStatus.DraftOnly : ListedModuleStatus.Unknown, null))
            .ToList());
    }
}
