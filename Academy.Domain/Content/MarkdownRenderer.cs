using System.Buffers;
using System.Text;
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
        .Use<ScrollableTables>()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .Build();

    private static readonly SearchValues<char> SchemeEnds = SearchValues.Create(":/?#");

    public static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, Pipeline);

    /// <summary>Renders blocks of a parsed document, making links safe and relative media addresses
    /// absolute under <paramref name="mediaBase"/> (e.g. <c>/media/refunds/</c>).</summary>
    public static string Render(IEnumerable<Block> blocks, string? mediaBase = null)
    {
        var list = blocks as IReadOnlyCollection<Block> ?? blocks.ToList();
        foreach (var block in list) Sanitize(block, mediaBase);
        var renderer = ReusableHtmlRenderer.Rent();
        foreach (var block in list) renderer.Render(block);
        return renderer.Release();
    }

    public static string Render(string markdown, string? mediaBase = null) => Render(Parse(markdown), mediaBase);

    /// <summary>Plain text of a heading or paragraph's inlines, without Markdown marks.</summary>
    public static string PlainText(LeafBlock block)
    {
        if (block.Inline is null) return "";
        var text = new StringBuilder();
        AppendPlainText(block.Inline, text);
        return text.ToString().Trim();
    }

    /// <summary>In document order: "Use `x` here" must not come out as "Use  herex".</summary>
    private static void AppendPlainText(ContainerInline container, StringBuilder text)
    {
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal: text.Append(literal.Content.AsSpan()); break;
                case CodeInline code: text.Append(code.Content); break;
                case HtmlEntityInline entity: text.Append(entity.Transcoded.AsSpan()); break;
                case LineBreakInline: text.Append(' '); break;
                case ContainerInline children: AppendPlainText(children, text); break;
            }
        }
    }

    /// <summary>Splits <c>Title {#id}</c> into its title and id; the id is <c>null</c> when absent.</summary>
    public static (string Title, string? Id) SplitHeadingId(string heading)
    {
        var match = HeadingId().Match(heading);
        return match.Success ? (match.Groups[1].Value.Trim(), match.Groups[2].Value.Trim()) : (heading.Trim(), null);
    }

    public static bool IsValidId(string id) => ValidId().IsMatch(id);

    /// <summary>Makes the links of a block and of the blocks inside it safe, in place.</summary>
    /// <remarks>Walks each leaf's <c>Inline</c> itself rather than using Markdig's <c>block.Descendants&lt;T&gt;()</c>,
    /// which skips the inlines of the block it starts from: on a top-level paragraph or heading it finds no link at all.</remarks>
    private static void Sanitize(Block block, string? mediaBase)
    {
        switch (block)
        {
            case LeafBlock { Inline: { } inlines }:
                SanitizeInlines(inlines, mediaBase);
                break;
            case ContainerBlock container:
                for (var i = 0; i < container.Count; i++) Sanitize(container[i], mediaBase);
                break;
        }
    }

    private static void SanitizeInlines(ContainerInline container, string? mediaBase)
    {
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LinkInline link:
                    SanitizeLink(link, mediaBase);
                    SanitizeInlines(link, mediaBase); // an image inside a link's text
                    break;
                case AutolinkInline autolink:
                    if (!IsSafeAbsolute(autolink.Url)) autolink.Url = "#";
                    break;
                case ContainerInline children:
                    SanitizeInlines(children, mediaBase);
                    break;
            }
        }
    }

    private static void SanitizeLink(LinkInline link, string? mediaBase)
    {
        if (link.Url is null) return;
        // Browsers ignore tabs, new lines and control characters inside a scheme ("java\tscript:").
        var url = WithoutWhiteSpaceOrControl(link.Url);
        if (IsSafeAbsolute(url)) return;
        if (HasScheme(url) || url.StartsWith("//", StringComparison.Ordinal))
        {
            link.Url = "#";
            return;
        }
        if (mediaBase is not null && !url.StartsWith('/') && !url.StartsWith('#'))
        {
            // Only a leading "media/" names the folder served at mediaBase; one deeper in the path is a real folder.
            var relative = url.StartsWith("./", StringComparison.Ordinal) ? url.AsSpan(2) : url;
            link.Url = string.Concat(mediaBase, relative.StartsWith("media/", StringComparison.Ordinal) ? relative["media/".Length..] : relative);
        }
    }

    private static string WithoutWhiteSpaceOrControl(string url)
    {
        var kept = 0;
        while (kept < url.Length && IsKept(url[kept])) kept++;
        if (kept == url.Length) return url;
        var text = new StringBuilder(url.Length).Append(url, 0, kept);
        for (var i = kept + 1; i < url.Length; i++)
            if (IsKept(url[i])) text.Append(url[i]);
        return text.ToString();

        static bool IsKept(char c) => !char.IsWhiteSpace(c) && !char.IsControl(c);
    }

    private static bool IsSafeAbsolute(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);

    /// <summary>A ':' before any '/', '?' or '#': "javascript:x", but not "a/b:c".</summary>
    private static bool HasScheme(string url)
    {
        var at = url.AsSpan().IndexOfAny(SchemeEnds);
        return at >= 0 && url[at] == ':';
    }

    [GeneratedRegex(@"^(.*?)\s*\{#([^}]*)\}\s*$")]
    private static partial Regex HeadingId();

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex ValidId();

    /// <summary>One <see cref="HtmlRenderer"/> per thread, set up once and reset between uses, as Markdig's own
    /// <c>Markdown.ToHtml</c> does with its renderers: building one per lesson (its object renderers, the pipeline's
    /// set-up, the per-type lookup it learns while rendering, a growing writer) took twice as long as the rendering
    /// itself and allocated five times the HTML it produced.</summary>
    private sealed class ReusableHtmlRenderer : HtmlRenderer
    {
        /// <summary>A renderer that held a very long text gives its buffer back rather than keep it for the thread.</summary>
        private const int MaxKeptCapacity = 64 * 1024;

        [ThreadStatic]
        private static ReusableHtmlRenderer? _cached;

        private readonly StringWriter _writer;

        private ReusableHtmlRenderer(StringWriter writer) : base(writer) => _writer = writer;

        /// <summary>The thread's renderer, taken out of the cache until <see cref="Release"/> so that a render that
        /// throws half-way never leaves its state to the next one.</summary>
        public static ReusableHtmlRenderer Rent()
        {
            var renderer = _cached;
            if (renderer is not null)
            {
                _cached = null;
                return renderer;
            }
            renderer = new ReusableHtmlRenderer(new StringWriter());
            Pipeline.Setup(renderer);
            return renderer;
        }

        /// <summary>Returns the HTML written since <see cref="Rent"/>, and the renderer, reset as if new (empty writer,
        /// no indent, at the start of a line), to the thread for its next render.</summary>
        public string Release()
        {
            var builder = _writer.GetStringBuilder();
            var html = builder.ToString();
            if (builder.Capacity <= MaxKeptCapacity)
            {
                Reset();
                _cached = this;
            }
            return html;
        }
    }
}
