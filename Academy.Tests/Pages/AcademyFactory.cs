using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Academy.Tests.Pages;

/// <summary>The real site on a real database of its own (a SQLite file, or a PostgreSQL database when
/// <see cref="TestDatabase.Variable"/> is set), with the real migrations, the demo accounts and a content folder (the
/// repository's own unless a test brings one).</summary>
public class AcademyFactory : WebApplicationFactory<Program>
{
    public const string Password = "Academy-Demo-2026";

    private readonly string _folder;

    public AcademyFactory() : this(null)
    {
    }

    protected AcademyFactory(string? contentPath, string? folder = null)
    {
        ContentPath = contentPath ?? RepositoryContent;
        _folder = folder ?? Directory.CreateTempSubdirectory("academy-test-").FullName;
    }

    /// <summary>Leaves the database behind at dispose, for a test that starts a second host on it (a restart).</summary>
    public bool KeepFolder { get; init; }

    public string Folder => _folder;

    /// <summary>Gives the demo accounts their demo history (<c>Academy:Demo:History</c>), off in every other test.</summary>
    public bool History { get; init; }

    public string ContentPath { get; }

    public string DatabasePath => Path.Combine(_folder, "academy.db");

    /// <summary>Where the site writes mail as .eml files (no SMTP server is configured in tests).</summary>
    public string MailPickupPath => Path.Combine(_folder, "mail-pickup");

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string RepositoryContent => Path.Combine(RepositoryRoot, "content");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        if (TestDatabase.IsPostgres)
        {
            builder.UseSetting(Academy.Web.Data.AcademyDatabase.ProviderKey, "Postgres");
            builder.UseSetting("ConnectionStrings:Academy", TestDatabase.PostgresDatabase(_folder));
        }
        else
        {
            builder.UseSetting("ConnectionStrings:Academy", $"Data Source={DatabasePath}");
        }
        builder.UseSetting("Academy:ContentPath", ContentPath);
        builder.UseSetting("Academy:Demo:Password", Password);
        // Tests start from empty accounts; DemoHistoryTests turns the demo history on.
        builder.UseSetting("Academy:Demo:History", History ? "true" : "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // No Hangfire server in tests: jobs run when a test resolves and calls them, on the test's clock.
        builder.UseSetting("Academy:Jobs:Enabled", "false");
        builder.UseSetting("Academy:Mail:PickupPath", MailPickupPath);
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see them.</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<HttpClient> SignInAsync(string email, string password = Password)
    {
        var client = NewClient();
        var response = await client.PostFormAsync("/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in of {email} failed: {(int)response.StatusCode}");
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (KeepFolder) return;
        if (TestDatabase.IsPostgres) TestDatabase.DropPostgresDatabase(_folder);
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Academy.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Academy.sln not found above the test binaries.");
    }
}

public static class HttpClientForms
{
    private static readonly HtmlParser Parser = new();

    /// <summary>Gets the page, fills the form that posts to <paramref name="url"/> (or the first form) with the
    /// antiforgery token it carries, and posts it, as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var token = await AntiforgeryTokenAsync(client, formPage ?? url);
        var values = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", token) };
        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    /// <summary>Presses the Next or Finish button of a lesson, the POST that records it as read, as a reader would.
    /// Opening a lesson (a GET) records nothing.</summary>
    public static async Task<HttpResponseMessage> ReadLessonAsync(this HttpClient client, string moduleId, int lesson)
    {
        var response = await client.PostFormAsync($"/modules/{moduleId}/{lesson}?handler=Read", [], $"/modules/{moduleId}/{lesson}");
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Reading lesson {lesson} of {moduleId}: {(int)response.StatusCode}");
        return response;
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var input = Parser.ParseDocument(html).QuerySelector("input[name=__RequestVerificationToken]")
            ?? throw new InvalidOperationException($"No antiforgery token on {page}");
        return input.GetAttribute("value")!;
    }

    public static async Task<AngleSharp.Html.Dom.IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    public static async Task<AngleSharp.Html.Dom.IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode}");
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }
}
