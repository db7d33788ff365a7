using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Academy.Domain.Content;

/// <summary>The one Markdown pipeline of Academy. Built once; Markdig pipelines are immutable and thread-safe.
/// Raw HTML is not rendered (it comes out escaped), and links to anything but http(s), mailto and relative
/// addresses are neutralised.</summary>
public static partial class MarkdownRenderer
{
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .Build();

    public static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, Pipeline);

    /// <summary>Renders blocks of a parsed document, making links safe and relative media addresses
    /// absolute under <paramref name="mediaBase"/> (e.g. <c>/media/refunds/</c>).</summary>
    public static string Render(IEnumerable<Block> blocks, string? mediaBase = null)
    {
        var list = blocks as IReadOnlyCollection<Block> ?? blocks.ToList();
        foreach (var block in list) Sanitize(block, mediaBase);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        foreach (var block in list) renderer.Render(block);
        writer.Flush();
        return writer.ToString();
    }

    public static string Render(string markdown, string? mediaBase = null)
    {
        var document = Parse(markdown);
        return Render(document.ToList(), mediaBase);
    }

    /// <summary>Plain text of a heading or paragraph's inlines, without Markdown marks.</summary>
    public static string PlainText(LeafBlock block)
    {
        if (block.Inline is null) return "";
        var text = new System.Text.StringBuilder();
        // In document order: "Use `x` here" must not come out as "Use  herex".
        foreach (var inline in block.Inline.Descendants<Inline>())
        {
            switch (inline)
            {
                case LiteralInline literal: text.Append(literal.Content.ToString()); break;
                case CodeInline code: text.Append(code.Content); break;
                case HtmlEntityInline entity: text.Append(entity.Transcoded.ToString()); break;
                case LineBreakInline: text.Append(' '); break;
            }
        }
        return text.ToString().Trim();
    }

    /// <summary>Splits <c>Title {#id}</c> into its title and id; the id is <c>null</c> when absent.</summary>
    public static (string Title, string? Id) SplitHeadingId(string heading)
    {
        var match = HeadingId().Match(heading);
        return match.Success ? (match.Groups[1].Value.Trim(), match.Groups[2].Value.Trim()) : (heading.Trim(), null);
    }

    public static bool IsValidId(string id) => ValidId().IsMatch(id);

    private static void Sanitize(Block block, string? mediaBase)
    {
        foreach (var link in InlinesOf<LinkInline>(block))
        {
            if (link.Url is null) continue;
            // Browsers ignore tabs, new lines and control characters inside a scheme ("java\tscript:").
            var url = new string(link.Url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
            if (IsSafeAbsolute(url)) continue;
            if (HasScheme(url) || url.StartsWith("//", StringComparison.Ordinal))
            {
                link.Url = "#";
                continue;
            }
            if (mediaBase is not null && !url.StartsWith('/') && !url.StartsWith('#'))
            {
                // Only a leading "media/" names the folder served at mediaBase; one deeper in the path is a real folder.
                var relative = url.StartsWith("./", StringComparison.Ordinal) ? url[2..] : url;
                link.Url = mediaBase + (relative.StartsWith("media/", StringComparison.Ordinal) ? relative["media/".Length..] : relative);
            }
        }
        foreach (var link in InlinesOf<AutolinkInline>(block))
            if (!IsSafeAbsolute(link.Url)) link.Url = "#";
    }

    /// <summary>Every inline of type <typeparamref name="T"/> in the block and the blocks inside it.</summary>
    /// <remarks>Markdig's <c>block.Descendants&lt;T&gt;()</c> skips the inlines of the block it starts from, so on a
    /// top-level paragraph or heading it finds no link at all; going through each leaf's <c>Inline</c> does not.</remarks>
    private static IEnumerable<T> InlinesOf<T>(Block block) where T : Inline
    {
        IEnumerable<LeafBlock> leaves = block switch
        {
            LeafBlock leaf => [leaf],
            ContainerBlock container => container.Descendants<LeafBlock>(),
            _ => [],
        };
        return leaves.SelectMany(leaf => leaf.Inline?.Descendants<T>() ?? []).ToList();
    }

    private static bool IsSafeAbsolute(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);

    private static bool HasScheme(string url) => SchemePrefix().IsMatch(url);

    [GeneratedRegex(@"^[^/?#]*:")]
    private static partial Regex SchemePrefix();

    [GeneratedRegex(@"^(.*?)\s*\{#([^}]*)\}\s*$")]
    private static partial Regex HeadingId();

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex ValidId();
}
