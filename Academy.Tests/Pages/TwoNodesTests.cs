using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Academy.Tests.Pages;

/// <summary>Two nodes of the site (two hosts) on one database and one content folder, as behind a load balancer
/// that sends a browser's requests to either.</summary>
[Collection(HostCollection.Name)]
public sealed class TwoNodesTests : IDisposable
{
    private readonly NodeFactory _a;
    private readonly NodeFactory _b;

    public TwoNodesTests()
    {
        _a = new NodeFactory(EditableContentFactory.CopyContent(), folder: null);
        _a.StartServer();
        _b = new NodeFactory(_a.ContentPath, _a.Folder) { KeepFolder = true };
        _b.StartServer();
    }

    public void Dispose()
    {
        _b.Dispose();
        _a.Dispose();
        try { Directory.Delete(_a.ContentPath, recursive: true); }
        catch (IOException) { }
    }

    [Fact]
    public async Task BothNodes_KeepTheirSigningKeysInTheDatabase()
    {
        // What lets a cookie or an antiforgery token of one node work on another (Nodes/TwoProcessesTests shows it
        // with two processes): both read their keys from the database, not from a folder of their own machine.
        using var trainer = await _a.SignInAsync("trainer@academy.test");

        using var scope = _a.Services.CreateScope();
        Assert.NotEmpty(await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().DataProtectionKeys.ToListAsync());
        Assert.All(new[] { _a, _b }, node => Assert.IsType<EntityFrameworkCoreXmlRepository<AcademyDbContext>>(
            node.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository));
    }

    [Fact]
    public async Task ImportsStartedTogetherOnBothNodes_MakeOneVersion()
    {
        const string path = "modules/refunds/module.md";
        var file = Path.Combine(_a.ContentPath, path);
        File.WriteAllText(file, File.ReadAllText(file).Replace("## ", "## Imported once: "));

        var results = await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[] { Import(_a), Import(_b) }));

        using var scope = _b.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var numbers = await db.ContentVersions.Where(v => v.ContentFile!.Path == path).Select(v => v.Number).OrderBy(n => n).ToListAsync();
        Assert.Equal([1, 2], numbers);
        Assert.True(results.Sum(r => r.NewVersions) <= 1);
        Assert.All(results, r => Assert.False(r.Skipped));
        var lease = await db.Leases.AsNoTracking().SingleAsync(l => l.Name == Lease.ContentImport);
        Assert.NotNull(lease.CompletedAt);
        Assert.True(lease.ExpiresAt <= DateTimeOffset.UtcNow, "the last import released the lease");
        Assert.StartsWith("Imported once: ", _b.Services.GetRequiredService<ContentCatalog>().Current.Module("refunds")!.Default.Lessons[0].Title);

        async Task<ImportResult> Import(NodeFactory node)
        {
            await Task.Yield();
            using var nodeScope = node.Services.CreateScope();
            return await nodeScope.ServiceProvider.GetRequiredService<ContentImporter>().ImportDirectoryAsync(node.ContentPath, CancellationToken.None);
        }
    }

    private sealed class NodeFactory(string contentPath, string? folder) : AcademyFactory(contentPath, folder)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Academy:ContentRefreshInterval", "00:00:00.200");
            // Production nodes do not watch content/ (Development does): a watcher's own import, started by the
            // test's edit, would race the imports the test starts and could still hold the lease at its check.
            builder.ConfigureTestServices(services => services.Remove(services.Single(d => d.ImplementationType == typeof(ContentWatcher))));
        }

    }
}
