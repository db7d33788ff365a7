using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Academy.Domain.Content;

/// <summary>The one Markdown pipeline of Academy. Built once; Markdig pipelines are immutable and thread-safe.
/// Raw HTML is not rendered (it comes out escaped), links to anything but http(s), mailto and relative
/// addresses are neutralised, and images show only a module's own pictures or https addresses.</summary>
public static partial class MarkdownRenderer
{
    /// <summary>The most emphasis and link marks (runs of <c>* _ ~ ^ + =</c>, and <c>[</c>) that one paragraph, heading or
    /// table may hold. Markdig keeps each unmatched mark open until the end of its paragraph and walks down the open ones
    /// for every new piece of text, so its time grows with the square of their number: one paragraph of 5,000 lines with
    /// four marks each took it 15 s before it gave up with "too deeply nested" (it stops at 10,240 open marks). At this
    /// limit a paragraph still takes well under a second; real lessons hold a few dozen.</summary>
    public const int MaxMarksPerParagraph = 2000;

    /// <summary>The deepest nesting of lists, quotes, emphasis and links accepted. Markdig's renderer stops at 128 levels
    /// of blocks and inlines together (throwing); nothing a trainer writes comes near this.</summary>
    public const int MaxNesting = 64;

    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .Use<ScrollableTables>()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .Use(new LimitsExtension()) // last, so that it sees the block parsers of every extension before it
        .Build();

    private static readonly SearchValues<char> SchemeEnds = SearchValues.Create(":/?#");
    private static readonly SearchValues<char> EmphasisMarks = SearchValues.Create("*_~^+=");

    /// <exception cref="MarkdownLimitException">The text is beyond <see cref="MaxMarksPerParagraph"/> or
    /// <see cref="MaxNesting"/>, or Markdig gave up on it; the exception names the line.</exception>
    public static MarkdownDocument Parse(string markdown)
    {
        try
        {
            return Markdown.Parse(markdown, Pipeline);
        }
        catch (ArgumentException e) when (e.Message.Contains("too deeply nested", StringComparison.Ordinal))
        {
            // Markdig's own limits, which ours should meet first; it does not say where.
            throw new MarkdownLimitException(0, TooDeep, TooDeepFix, e);
        }
    }

    private const string TooDeep = "Lists, quotes, emphasis or links are nested too deeply here for Academy to show.";
    private const string TooDeepFix = "Nest less: a list inside a list or a quote is fine, but not dozens of levels. Look for many '>' at the start of a line, or brackets and asterisks that never close.";

    /// <summary>Renders blocks of a parsed document, making links safe and relative media addresses
    /// absolute under <paramref name="mediaBase"/> (e.g. <c>/media/refunds/</c>).</summary>
    public static string Render(IEnumerable<Block> blocks, string? mediaBase = null)
    {
        var list = blocks as IReadOnlyCollection<Block> ?? blocks.ToList();
        foreach (var block in list) Sanitize(block, mediaBase, 0);
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
    /// which skips the inlines of the block it starts from: on a top-level paragraph or heading it finds no link at all.
    /// It counts the nesting on the way, so that Markdig's renderer never meets more than it can take.</remarks>
    private static void Sanitize(Block block, string? mediaBase, int depth)
    {
        if (depth > MaxNesting) throw new MarkdownLimitException(block.Line, TooDeep, TooDeepFix);
        switch (block)
        {
            case LeafBlock { Inline: { } inlines }:
                SanitizeInlines(inlines, mediaBase, depth + 1);
                break;
            case ContainerBlock container:
                for (var i = 0; i < container.Count; i++) Sanitize(container[i], mediaBase, depth + 1);
                break;
        }
    }

    private static void SanitizeInlines(ContainerInline container, string? mediaBase, int depth)
    {
        if (depth > MaxNesting) throw new MarkdownLimitException(container.Line, TooDeep, TooDeepFix);
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LinkInline link:
                    SanitizeLink(link, mediaBase);
                    SanitizeInlines(link, mediaBase, depth + 1); // an image inside a link's text
                    break;
                case AutolinkInline autolink:
                    if (!IsSafeAbsolute(autolink.Url)) autolink.Url = "#";
                    break;
                case ContainerInline children:
                    SanitizeInlines(children, mediaBase, depth + 1);
                    break;
            }
        }
    }

    private static void SanitizeLink(LinkInline link, string? mediaBase)
    {
        if (link.Url is null) return;
        if (link.IsImage)
        {
            // The parser refuses these (CheckImages); this keeps a preview of refused text from loading them.
            link.Url = ImageSource(link.Url, mediaBase);
            return;
        }
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

    /// <summary>Adds an error for every image whose source is neither a picture of the module nor an https address.
    /// An image loads by itself when a page opens, with the reader's cookies: pointed at a page of the site
    /// (<c>/modules/x/1</c>, <c>/language?...</c>) it would act for every reader, and pointed at <c>http:</c> it would leak
    /// the reading over the network and be blocked as mixed content anyway.</summary>
    /// <param name="document">A body parsed by <see cref="Parse"/>: reference images are resolved, its lines are the body's.</param>
    /// <param name="mediaBase">Where the module's pictures are served (<c>/media/refunds/</c>); <c>null</c> for a file
    /// without pictures of its own (standards, programs).</param>
    public static void CheckImages(MarkdownDocument document, FrontMatter front, string? mediaBase, List<ContentError> errors)
    {
        foreach (var image in document.Descendants<LinkInline>())
        {
            if (!image.IsImage || IsAllowedImage(image.Url ?? "", mediaBase)) continue;
            var url = image.Url ?? "";
            var shown = url.Length > 80 ? url[..77] + "..." : url;
            var line = front.BodyLine + image.Line;
            if (mediaBase is null)
                errors.Add(new ContentError(front.File, line, $"The image '{shown}' is not an https:// address.",
                    "An image loads by itself as soon as the page opens, so here it may only show a picture from another site, by its full "
                    + "address: '![description](https://example.com/picture.png)'. Pictures of your own go in a module's lessons."));
            else if (MediaFolder(url) is not null)
                errors.Add(new ContentError(front.File, line, $"The image '{shown}' is not a file the site can show from this module's media folder.",
                    "Pictures sit directly in the module's media/ folder, named with letters, digits, '-', '_' and '.': "
                    + "'![description](media/front-desk.png)'. Upload it with 'Images of this module' in the Workspace, or rename the file."));
            else
                errors.Add(new ContentError(front.File, line, $"The image '{shown}' is neither a picture of this module nor an https:// address.",
                    "An image loads by itself as soon as the page opens, so it may only show a picture of this module or one from another site: "
                    + "upload it with 'Images of this module' in the Workspace (it goes in the module's media/ folder) and write "
                    + "'![description](media/name.png)', or give its full https:// address."));
        }
    }

    /// <summary>Whether an image may load from <paramref name="url"/>: <c>media/name.png</c> (or <c>./media/name.png</c>) when
    /// the file has a media folder, or an https address with a host.</summary>
    public static bool IsAllowedImage(string url, string? mediaBase) =>
        IsHttpsWithHost(WithoutWhiteSpaceOrControl(url)) || (mediaBase is not null && MediaName(url) is not null);

    /// <summary>Where the browser will load an image from: the https address as written, the picture under
    /// <paramref name="mediaBase"/>, or "#" (nothing) for anything else.</summary>
    private static string ImageSource(string url, string? mediaBase)
    {
        var cleaned = WithoutWhiteSpaceOrControl(url);
        if (IsHttpsWithHost(cleaned)) return cleaned;
        return mediaBase is not null && MediaName(url) is { } name ? mediaBase + name : "#";
    }

    /// <summary>"https://" then a host. Browsers read "https:/x" and "https:x" as addresses on the current site, and
    /// "https:\\x" or "https:///x" in ways of their own: none of those is an address on another site.</summary>
    private static bool IsHttpsWithHost(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        && url.Length > "https://".Length && url["https://".Length] is not ('/' or '\\')
        && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0;

    /// <summary>The file name in <c>media/name.png</c> or <c>./media/name.png</c>, when it is one the site serves; else <c>null</c>.</summary>
    private static string? MediaName(string url) =>
        MediaFolder(url) is { } name && MediaFileName().IsMatch(name) && !name.StartsWith('.') ? name : null;

    /// <summary>What follows <c>media/</c> or <c>./media/</c>; <c>null</c> when the address does not start there.</summary>
    private static string? MediaFolder(string url)
    {
        var relative = url.StartsWith("./", StringComparison.Ordinal) ? url[2..] : url;
        return relative.StartsWith("media/", StringComparison.Ordinal) ? relative["media/".Length..] : null;
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex MediaFileName();

    [GeneratedRegex(@"^(.*?)\s*\{#([^}]*)\}\s*$")]
    private static partial Regex HeadingId();

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex ValidId();

    /// <summary>Refuses, as soon as Markdig has read the blocks and before it reads their inlines, a paragraph with more
    /// than <see cref="MaxMarksPerParagraph"/> marks or blocks nested deeper than <see cref="MaxNesting"/>: see those.</summary>
    private sealed class LimitsExtension : IMarkdownExtension
    {
        public void Setup(MarkdownPipelineBuilder pipeline)
        {
            foreach (var parser in pipeline.BlockParsers) parser.Closed += Check;
        }

        public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
        {
        }

        private static void Check(BlockProcessor processor, Block block)
        {
            var depth = 0;
            for (var parent = block.Parent; parent is not null and not MarkdownDocument; parent = parent.Parent) depth++;
            if (depth > MaxNesting) throw new MarkdownLimitException(block.Line, TooDeep, TooDeepFix);
            if (block is LeafBlock { ProcessInlines: true } leaf && Marks(leaf.Lines) > MaxMarksPerParagraph)
                throw new MarkdownLimitException(block.Line,
                    $"This paragraph is too long for Academy to read: it has more than {MaxMarksPerParagraph.ToString("N0", CultureInfo.InvariantCulture)} marks for bold, italics and links with no blank line between them.",
                    "Split it into shorter paragraphs: a blank line ends a paragraph. Lines that follow each other without a blank line are one paragraph.");
        }

        /// <summary>An upper bound of the marks Markdig keeps open: each run of one emphasis character, and each '['.</summary>
        private static int Marks(StringLineGroup lines)
        {
            var marks = 0;
            for (var i = 0; i < lines.Count; i++)
            {
                var text = lines.Lines[i].Slice.AsSpan();
                var previous = '\0';
                foreach (var c in text)
                {
                    if (c == '[' || (c != previous && EmphasisMarks.Contains(c))) marks++;
                    previous = c;
                }
            }
            return marks;
        }
    }

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
