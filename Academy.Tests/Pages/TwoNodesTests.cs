using System.Net;
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
    public async Task SignedInOnA_PostsAFormOnB_WithA_sCookieAndAntiforgeryToken()
    {
        var cookies = new CookieContainer();
        var onA = _a.ClientWith(cookies);
        var onB = _b.ClientWith(cookies);
        var signIn = await onA.PostFormAsync("/account/login", new() { ["Input.Email"] = "trainer@academy.test", ["Input.Password"] = AcademyFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        const string editor = "/workspace/edit?path=modules%2Fescalation%2Fmodule.md";
        var formOnA = await onA.GetDocumentAsync(editor);
        var text = formOnA.QuerySelector("textarea")!.TextContent + "\nA line published through the other node.\n";

        var published = await WorkspaceTests.SaveAsync(onB, editor, text, "Publish", formOnA);

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/workspace")).StatusCode);
        using var scope = _a.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var version = await db.ContentVersions.Where(v => v.ContentFile!.Path == "modules/escalation/module.md").OrderByDescending(v => v.Number).FirstAsync();
        Assert.Equal(2, version.Number);
        Assert.NotNull(version.Author);
        Assert.Contains("through the other node", version.Markdown);
        // Both nodes read their keys from the database, not from a folder of their own machine.
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
        Assert.All(new[] { _a, _b }, node => Assert.IsType<EntityFrameworkCoreXmlRepository<AcademyDbContext>>(
            node.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository));
    }

    [Fact]
    public async Task PublishedOnA_IsReadOnB_WithoutARestart()
    {
        var trainer = await _a.SignInAsync("trainer@academy.test");
        var learnerOnB = await _b.SignInAsync("newhire@academy.test");
        const string path = "modules/listen-first/module.md";
        var original = File.ReadAllText(Path.Combine(_a.ContentPath, path));
        Assert.DoesNotContain("From node A: ", (await learnerOnB.GetDocumentAsync("/modules/listen-first")).QuerySelector("#lesson-title")!.TextContent);

        var published = await WorkspaceTests.SaveAsync(trainer, $"/workspace/edit?path={Uri.EscapeDataString(path)}", original.Replace("## ", "## From node A: "), "Publish");

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var title = "";
        for (var wait = 0; wait < 50 && !title.StartsWith("From node A: "); wait++)
        {
            await Task.Delay(100);
            title = (await learnerOnB.GetDocumentAsync("/modules/listen-first")).QuerySelector("#lesson-title")!.TextContent;
        }
        Assert.StartsWith("From node A: ", title);
    }

    [Fact]
    public async Task ImageUploadedOnA_IsServedByB()
    {
        var trainer = await _a.SignInAsync("trainer@academy.test");
        var learnerOnB = await _b.SignInAsync("newhire@academy.test");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];
        var token = await HttpClientForms.AntiforgeryTokenAsync(trainer, "/workspace/media/refunds");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(png), "image", "both-nodes.png" },
        };

        var uploaded = await trainer.PostAsync("/workspace/media/refunds", content);
        var served = await learnerOnB.GetAsync("/media/refunds/both-nodes.png");

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.False(File.Exists(Path.Combine(_a.ContentPath, "modules", "refunds", "media", "both-nodes.png")), "the upload is in the database, not on node A's disk");
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

        /// <summary>A client of this node that shares <paramref name="cookies"/> with clients of the other node.</summary>
        public HttpClient ClientWith(CookieContainer cookies) => CreateDefaultClient(new Uri("http://localhost"), new SharedCookies(cookies));
    }

    /// <summary>One browser's cookies, whichever node answers.</summary>
    private sealed class SharedCookies(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0) request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
                foreach (var cookie in set) cookies.SetCookies(request.RequestUri!, cookie);
            return response;
        }
    }
}
