using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Academy.Domain.Content;

/// <summary>The YAML block between <c>---</c> lines at the top of a content file, with the line of every key,
/// and the Markdown body after it.</summary>
public sealed class FrontMatter
{
    private const string DuplicateKey = "Duplicate key ";

    private readonly Dictionary<string, YamlNode> _values;
    private readonly Dictionary<string, int> _lines;

    private FrontMatter(string file, Dictionary<string, YamlNode> values, Dictionary<string, int> lines, string body, int bodyLine, int endLine)
    {
        File = file;
        _values = values;
        _lines = lines;
        Body = body;
        BodyLine = bodyLine;
        EndLine = endLine;
    }

    public string File { get; }

    /// <summary>The Markdown after the closing <c>---</c>.</summary>
    public string Body { get; }

    /// <summary>The file line on which <see cref="Body"/> starts (1-based), to report body errors at file lines.</summary>
    public int BodyLine { get; }

    /// <summary>The line of the closing <c>---</c>, where a missing key is reported.</summary>
    public int EndLine { get; }

    public IEnumerable<string> Keys => _values.Keys;

    public int LineOf(string key) => _lines.TryGetValue(key, out var line) ? line : 1;

    public bool Has(string key) => _values.ContainsKey(key);

    /// <summary>Splits a file into front matter and body. A file without front matter is an error, since every
    /// content file needs at least a title.</summary>
    public static FrontMatter? Parse(string file, string text, List<ContentError> errors)
    {
        // Lines end at '\n', a "\r\n" counting as "\n". The front matter and the body are sliced out of the text:
        // splitting the whole file into lines and joining the body back made three copies of it for a few keys.
        var firstEnd = text.IndexOf('\n');
        if (!IsFence(text.AsSpan(0, firstEnd < 0 ? text.Length : firstEnd)))
        {
            errors.Add(new ContentError(file, 1, "The file does not start with front matter.",
                "Put a '---' line first, then 'title: ...' and the other keys, then a closing '---' line."));
            return null;
        }
        var closeStart = firstEnd < 0 ? -1 : ClosingFence(text, firstEnd);
        if (closeStart < 0)
        {
            errors.Add(new ContentError(file, 1, "The front matter is never closed.",
                "Add a line with only '---' after the last front-matter key."));
            return null;
        }
        // 0-based index of the closing line: the line breaks before it.
        var close = text.AsSpan(0, closeStart).Count('\n');
        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var keyLines = new Dictionary<string, int>(StringComparer.Ordinal);
        var yaml = close == 1 ? "" : Normalized(text, firstEnd + 1, WithoutCr(text, closeStart - 1));
        if (!string.IsNullOrWhiteSpace(yaml))
        {
            try
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(yaml));
                if (stream.Documents.Count > 0)
                {
                    if (stream.Documents[0].RootNode is not YamlMappingNode map)
                    {
                        errors.Add(new ContentError(file, 2, "The front matter is not a list of 'key: value' lines.",
                            "Write one 'key: value' per line, e.g. 'title: The warm welcome'."));
                        return null;
                    }
                    foreach (var (keyNode, value) in map.Children)
                    {
                        var key = ((YamlScalarNode)keyNode).Value ?? "";
                        var line = (int)keyNode.Start.Line + 1;
                        if (!values.TryAdd(key, value))
                        {
                            errors.Add(new ContentError(file, line, $"The key '{key}' is given twice.", $"Keep one '{key}:' line."));
                            continue;
                        }
                        keyLines[key] = line;
                    }
                }
            }
            catch (YamlException e) when (e.Message.StartsWith(DuplicateKey, StringComparison.Ordinal))
            {
                // YamlDotNet refuses a repeated key while loading, before the loop above can name it in a trainer's words.
                var key = e.Message[DuplicateKey.Length..].Trim();
                errors.Add(new ContentError(file, (int)e.Start.Line + 1, $"The key '{key}' is given twice.", $"Keep one '{key}:' line."));
                return null;
            }
            catch (YamlException e)
            {
                errors.Add(new ContentError(file, (int)e.Start.Line + 1, $"The front matter is not valid YAML: {e.InnerException?.Message ?? e.Message}",
                    "Check this line: 'key: value', lists as '- item' lines or [a, b], and quote text that contains ':' or '#'."));
                return null;
            }
        }
        var closeEnd = text.IndexOf('\n', closeStart);
        var body = closeEnd < 0 ? "" : Normalized(text, closeEnd + 1, text.Length);
        return new FrontMatter(file, values, keyLines, body, close + 2, close + 1);
    }

    /// <summary>A line that opens or closes the front matter: <c>---</c>, then nothing but white space.</summary>
    private static bool IsFence(ReadOnlySpan<char> line) => line.TrimEnd() is "---";

    /// <summary>Where the first fence line after the opening one starts; -1 when there is none.</summary>
    /// <param name="firstEnd">The '\n' that ends the opening line.</param>
    private static int ClosingFence(string text, int firstEnd)
    {
        for (var at = text.IndexOf("\n---", firstEnd, StringComparison.Ordinal); at >= 0; at = text.IndexOf("\n---", at + 1, StringComparison.Ordinal))
        {
            var start = at + 1;
            var end = text.IndexOf('\n', start);
            if (IsFence(text.AsSpan(start, (end < 0 ? text.Length : end) - start))) return start;
        }
        return -1;
    }

    /// <summary><paramref name="end"/>, less one when a '\r' ends the line there: that "\r\n" is a line break.</summary>
    private static int WithoutCr(string text, int end) => end > 0 && text[end - 1] == '\r' ? end - 1 : end;

    /// <summary>The text from <paramref name="start"/> to <paramref name="end"/> with every "\r\n" read as "\n", as
    /// <see cref="Body"/> has always been given and as YamlDotNet's error positions (which count characters) expect.</summary>
    private static string Normalized(string text, int start, int end)
    {
        var slice = text.AsSpan(start, end - start);
        var crlf = slice.Count("\r\n");
        if (crlf == 0) return slice.ToString();
        return string.Create(slice.Length - crlf, (text, start, end), static (target, range) =>
        {
            var source = range.text.AsSpan(range.start, range.end - range.start);
            for (var at = source.IndexOf("\r\n"); at >= 0; at = source.IndexOf("\r\n"))
            {
                source[..at].CopyTo(target);
                target[at] = '\n';
                target = target[(at + 1)..];
                source = source[(at + 2)..];
            }
            source.CopyTo(target);
        });
    }

    /// <summary>Reports every key not in <paramref name="allowed"/>, suggesting the nearest allowed key.</summary>
    public void RejectUnknownKeys(IReadOnlyCollection<string> allowed, List<ContentError> errors)
    {
        foreach (var key in _values.Keys.Where(k => !allowed.Contains(k)))
        {
            var nearest = Suggest.Nearest(key, allowed);
            errors.Add(new ContentError(File, LineOf(key), $"Unknown front-matter key '{key}'.",
                nearest is null ? $"Remove it; the keys allowed here are: {string.Join(", ", allowed)}." : $"Did you mean '{nearest}'? The keys allowed here are: {string.Join(", ", allowed)}."));
        }
    }

    public string? String(string key, bool required, List<ContentError> errors)
    {
        if (!_values.TryGetValue(key, out var node))
        {
            if (required)
                errors.Add(new ContentError(File, EndLine, $"The required key '{key}' is missing.", $"Add a line '{key}: ...' to the front matter."));
            return null;
        }
        if (node is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value)) return value.Trim();
        errors.Add(new ContentError(File, LineOf(key), $"'{key}' must be a single text value.", $"Write it on one line: '{key}: some text'."));
        return null;
    }

    public int? Int(string key, int min, int max, List<ContentError> errors)
    {
        if (!_values.TryGetValue(key, out var node)) return null;
        if (node is YamlScalarNode { Value: { } value } && int.TryParse(value, out var number) && number >= min && number <= max) return number;
        errors.Add(new ContentError(File, LineOf(key), $"'{key}' must be a whole number from {min} to {max}.", $"Write e.g. '{key}: {Math.Max(min, Math.Min(max, 10))}'."));
        return null;
    }

    public bool? Bool(string key, List<ContentError> errors)
    {
        if (!_values.TryGetValue(key, out var node)) return null;
        if (node is YamlScalarNode { Value: { } value } && bool.TryParse(value, out var flag)) return flag;
        errors.Add(new ContentError(File, LineOf(key), $"'{key}' must be true or false.", $"Write '{key}: true' or '{key}: false'."));
        return null;
    }

    public Validity? Validity(string key, List<ContentError> errors)
    {
        if (!_values.TryGetValue(key, out var node)) return null;
        if (node is YamlScalarNode { Value: { } value } && Content.Validity.TryParse(value, out var validity)) return validity;
        errors.Add(new ContentError(File, LineOf(key), $"'{key}' must be a duration such as '90 days', '6 months' or '1 year'.", $"Write e.g. '{key}: 1 year'."));
        return null;
    }

    /// <summary>A list of texts, written as a YAML list or as one text; <c>null</c> when the key is absent.</summary>
    public IReadOnlyList<string>? List(string key, List<ContentError> errors)
    {
        if (!_values.TryGetValue(key, out var node)) return null;
        switch (node)
        {
            case YamlScalarNode { Value: { } one } when !string.IsNullOrWhiteSpace(one):
                return [one.Trim()];
            case YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode { Value: not null and not "" }):
                return sequence.Children.Select(c => ((YamlScalarNode)c).Value!.Trim()).ToList();
            default:
                errors.Add(new ContentError(File, LineOf(key), $"'{key}' must be a list of texts.", $"Write '{key}: [a, b]' or one '- item' per line under '{key}:'."));
                return null;
        }
    }

    /// <summary><c>everyone</c>, or a list of departments and job roles. Absent means everyone.</summary>
    public Audience Audience(string key, List<ContentError> errors)
    {
        var groups = List(key, errors);
        if (groups is null) return Content.Audience.All;
        if (groups.Count == 1 && groups[0].Equals("everyone", StringComparison.OrdinalIgnoreCase)) return Content.Audience.All;
        if (groups.Any(g => g.Equals("everyone", StringComparison.OrdinalIgnoreCase)))
            errors.Add(new ContentError(File, LineOf(key), "'everyone' cannot be combined with departments or job roles.", $"Write '{key}: everyone' alone, or list only departments and job roles."));
        return new Audience(false, groups);
    }
}
