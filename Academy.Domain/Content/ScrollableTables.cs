using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Syntax;

namespace Academy.Domain.Content;

/// <summary>Puts each table of a lesson in a box that scrolls sideways, so that a wide table stays inside its
/// lesson on a phone instead of widening the page. The box can take the keyboard focus (a keyboard user scrolls it
/// with the arrow keys) and is a region named after the heading above the table and its column headings, in the
/// lesson's own words: two tables with the same columns under different headings are two distinct regions.</summary>
public sealed class ScrollableTables : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
    }

    /// <remarks>Must come after <c>UsePipeTables</c>, whose renderer this one replaces.</remarks>
    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html) html.ObjectRenderers.Replace<HtmlTableRenderer>(new WrappedTableRenderer());
    }

    private sealed class WrappedTableRenderer : HtmlTableRenderer
    {
        protected override void Write(HtmlRenderer renderer, Table table)
        {
            renderer.EnsureLine();
            renderer.Write("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"");
            renderer.WriteEscape(Label(table));
            renderer.WriteLine("\">");
            base.Write(renderer, table);
            renderer.WriteLine("</div>");
        }

        private static string Label(Table table)
        {
            var columns = Columns(table);
            if (table.Parent is not { } parent) return columns;
            var above = parent.Take(parent.IndexOf(table)).OfType<HeadingBlock>().LastOrDefault();
            return above is null ? columns : $"{MarkdownRenderer.PlainText(above)}: {columns}";
        }

        private static string Columns(Table table)
        {
            var header = table.OfType<TableRow>().FirstOrDefault(r => r.IsHeader) ?? table.OfType<TableRow>().FirstOrDefault();
            if (header is null) return "";
            return string.Join(", ", header.OfType<TableCell>()
                .Select(cell => string.Join(" ", cell.OfType<LeafBlock>().Select(MarkdownRenderer.PlainText)))
                .Where(text => text.Length > 0));
        }
    }
}
