using Academy.Domain.Content;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Academy.Web.Pages.Workspace;

/// <summary>The trainers' format guide, <c>README.md</c> at the root of the content folder, for trainers who work in
/// the browser and cannot open the folder. Rendered with the site's one Markdown pipeline, from the file as it is now.</summary>
[Authorize(Policy = Policies.Trainer)]
public sealed class GuideModel(IOptions<AcademyOptions> options, IHostEnvironment environment) : PageModel
{
    public const string FileName = "README.md";

    /// <summary>The guide as HTML; <c>null</c> when the content folder has no guide.</summary>
    public string? Html { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(options.Value.ContentRoot(environment), FileName);
        if (System.IO.File.Exists(path)) Html = MarkdownRenderer.Render(await System.IO.File.ReadAllTextAsync(path, cancellationToken));
    }
}
