using Academy.Domain.Content;
using Academy.Domain.Learning;
using Academy.Web.Data;

namespace Academy.Web.Pages.Catalog;

/// <summary>What a module's card shows, on the catalog, the home page and a program page.</summary>
public sealed record ModuleCard(ModuleDocument Module, bool Translated, ModuleProgress? Progress)
{
    public static ModuleCard Of(PublishedModule module, string language, ModuleProgress? progress) =>
        new(module.In(language), module.IsAvailableIn(language), progress);
}
