using Microsoft.Extensions.Options;

namespace Academy.Web.Infrastructure;

/// <summary>Serves a module's images from <c>content/modules/&lt;id&gt;/media/</c> to signed-in employees.
/// Only image types are served, and never as anything else.</summary>
public static class MediaFiles
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".gif"] = "image/gif", [".webp"] = "image/webp",
    };

    public static void MapMediaFiles(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/media/{module:regex(^[a-z0-9-]+$)}/{file:regex(^[A-Za-z0-9_.-]+$)}",
            (string module, string file, IOptions<AcademyOptions> options, IHostEnvironment environment) =>
            {
                if (file.StartsWith('.') || !Types.TryGetValue(Path.GetExtension(file), out var type)) return Results.NotFound();
                var path = Path.Combine(options.Value.ContentRoot(environment), "modules", module, "media", file);
                return File.Exists(path) ? Results.File(path, type) : Results.NotFound();
            });
}
