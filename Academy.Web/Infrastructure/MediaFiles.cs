using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Academy.Web.Infrastructure;

/// <summary>A module's images: uploaded in the browser (stored in the database) or written beside the Markdown in
/// <c>content/modules/&lt;id&gt;/media/</c>. Served to signed-in employees, only as the image types they are.</summary>
public static class MediaFiles
{
    public const int MaxBytes = 2 * 1024 * 1024;

    private static readonly Dictionary<string, (string Type, byte[][] Signatures)> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = ("image/png", [[0x89, 0x50, 0x4E, 0x47]]),
        [".jpg"] = ("image/jpeg", [[0xFF, 0xD8, 0xFF]]),
        [".jpeg"] = ("image/jpeg", [[0xFF, 0xD8, 0xFF]]),
        [".gif"] = ("image/gif", [[0x47, 0x49, 0x46, 0x38]]),
        [".webp"] = ("image/webp", [[0x52, 0x49, 0x46, 0x46]]),
    };

    public static string? TypeOf(string fileName) => Types.TryGetValue(Path.GetExtension(fileName), out var type) ? type.Type : null;

    /// <summary>Longest name kept before the extension (the column holds 100 characters).</summary>
    private const int MaxStemLength = 80;

    /// <summary>A file name safe in a URL and a path: ASCII letters, digits, dot, dash and underscore, with accents
    /// dropped ("é" becomes "e") and the extension of a checked image in lower case. A name left with no letter or
    /// digit (".png", "-.png", a name in another alphabet) is named after the image's bytes, "image-1a2b3c4d.png", so
    /// that two such uploads do not replace each other.</summary>
    public static string SafeName(string fileName, ReadOnlySpan<byte> content)
    {
        // Old browsers send the whole path, with either separator.
        var name = fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];
        var extension = Path.GetExtension(name);
        var stem = new StringBuilder();
        foreach (var c in name[..^extension.Length].Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var kept = char.IsAsciiLetterOrDigit(c) || c is '.' or '_' ? c : '-';
            if (kept != '-' || stem.Length == 0 || stem[^1] != '-') stem.Append(kept);
        }
        var safe = stem.ToString().Trim('.', '-', '_');
        if (!safe.Any(char.IsAsciiLetterOrDigit)) safe = "image-" + Convert.ToHexStringLower(SHA256.HashData(content))[..8];
        return safe[..Math.Min(safe.Length, MaxStemLength)].TrimEnd('.', '-', '_') + extension.ToLowerInvariant();
    }

    /// <summary>Why an upload is refused (English text, the key of its translation), or null when it is a real image of an allowed type and size.</summary>
    public static string? Check(IFormFile? file)
    {
        if (file is null || file.Length == 0) return "Choose an image to upload.";
        if (file.Length > MaxBytes) return "The image is larger than 2 MB: make it smaller and upload it again.";
        if (!Types.TryGetValue(Path.GetExtension(file.FileName), out var type)) return "Only PNG, JPEG, GIF and WebP images can be uploaded.";
        var head = new byte[8];
        using var stream = file.OpenReadStream();
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return type.Signatures.Any(s => read >= s.Length && head.AsSpan(0, s.Length).SequenceEqual(s))
            ? null
            : "This file is not the image its name says: upload a real PNG, JPEG, GIF or WebP file.";
    }

    public static void MapMediaFiles(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/media/{module:regex(^[a-z0-9-]+$)}/{file:regex(^[A-Za-z0-9_.-]+$)}",
            async (string module, string file, AcademyDbContext db, IOptions<AcademyOptions> options, IHostEnvironment environment, CancellationToken cancellationToken) =>
            {
                if (file.StartsWith('.') || TypeOf(file) is not { } type) return Results.NotFound();
                var uploaded = await db.ContentMedia.AsNoTracking().Where(m => m.ModuleId == module && m.FileName == file)
                    .Select(m => m.Bytes).FirstOrDefaultAsync(cancellationToken);
                if (uploaded is not null) return Results.File(uploaded, type);
                var path = Path.Combine(options.Value.ContentRoot(environment), "modules", module, "media", file);
                return File.Exists(path) ? Results.File(path, type) : Results.NotFound();
            });
}
