using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Academy.Tests.Pages;
using Npgsql;

namespace Academy.Tests.Nodes;

/// <summary>Two nodes of the site as production runs them: two OS processes of the built site on one database (the
/// test run's PostgreSQL when <c>ACADEMY_TEST_POSTGRES</c> is set, else one SQLite file), started once for the class.</summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("academy-nodes-").FullName;
    public string ContentPath { get; } = EditableContentFactory.CopyContent();
    public string ConnectionString { get; private set; } = "";
    public SiteProcess A { get; private set; } = null!;
    public SiteProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = TestDatabase.IsPostgres ? TestDatabase.PostgresDatabase(Folder) : $"Data Source={Path.Combine(Folder, "academy.db")}";
        var settings = new Dictionary<string, string>
        {
            ["Academy__Database__Provider"] = TestDatabase.IsPostgres ? "Postgres" : "Sqlite",
            ["ConnectionStrings__Academy"] = ConnectionString,
            ["Academy__ContentPath"] = ContentPath,
            ["Academy__Demo__Seed"] = "true",
            ["Academy__Demo__Password"] = AcademyFactory.Password,
            ["Academy__ContentRefreshInterval"] = "00:00:00.500",
            ["Academy__Mail__PickupPath"] = Path.Combine(Folder, "mail-pickup"),
            // Due every 5 seconds on every node that runs jobs, so that the test sees several occurrences.
            ["Academy__Jobs__MailDispatch"] = "*/5 * * * * *",
            // The data-protection keys are in the database; a home of its own keeps the nodes off the user's.
            ["HOME"] = Path.Combine(Folder, "home"),
        };
        // A first, so that B joins a database that is already migrated and seeded, as a second node usually does.
        A = await SiteProcess.StartAsync(settings);
        // On SQLite each process keeps Hangfire's queue in its memory, so only one runs jobs (as the README says).
        if (!TestDatabase.IsPostgres) settings["Academy__Jobs__Enabled"] = "false";
        B = await SiteProcess.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        if (B is not null) await B.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
        if (TestDatabase.IsPostgres) TestDatabase.DropPostgresDatabase(Folder);
        foreach (var folder in new[] { Folder, ContentPath })
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
    }

    /// <summary>A browser's client of one node; clients made with the same <paramref name="cookies"/> are one browser
    /// (cookies ignore the port, so both nodes on 127.0.0.1 see the same ones).</summary>
    public static HttpClient Client(Uri node, CookieContainer cookies, HttpMessageHandler? handler = null) =>
        new(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = node, Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<HttpClient> SignInAsync(Uri node, string email, CookieContainer? cookies = null)
    {
        var client = Client(node, cookies ?? new CookieContainer());
        var response = await client.PostFormAsync("/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = AcademyFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}

public sealed class TwoProcessesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task SignedInOnA_PostsAFormOnB_WithA_sCookieAndAntiforgeryToken()
    {
        var cookies = new CookieContainer();
        using var onA = await TwoNodes.SignInAsync(nodes.A.Address, "trainer@academy.test", cookies);
        using var onB = TwoNodes.Client(nodes.B.Address, cookies);
        const string editor = "/workspace/edit?path=modules%2Fescalation%2Fmodule.md";
        var formOnA = await onA.GetDocumentAsync(editor);
        var text = formOnA.QuerySelector("textarea")!.TextContent + "\nA line published through the other node.\n";

        var published = await WorkspaceTests.SaveAsync(onB, editor, text, "Publish", formOnA);

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        // Back on A, the message B left (in a cookie B protected) and the new version.
        var after = await onA.GetDocumentAsync(published.Headers.Location!.OriginalString);
        Assert.Contains("Published as version 2", after.QuerySelector(".notice.ok")!.TextContent);
        Assert.Contains("through the other node", after.QuerySelector("textarea")!.TextContent);
    }

    [Fact]
    public async Task PublishedOnA_IsReadOnB_WithoutARestart()
    {
        using var trainer = await TwoNodes.SignInAsync(nodes.A.Address, "trainer@academy.test");
        using var learnerOnB = await TwoNodes.SignInAsync(nodes.B.Address, "newhire@academy.test");
        const string path = "modules/listen-first/module.md";
        var original = File.ReadAllText(Path.Combine(nodes.ContentPath, path));
        Assert.DoesNotContain("From node A: ", await LessonTitleAsync());

        var published = await WorkspaceTests.SaveAsync(trainer, $"/workspace/edit?path={Uri.EscapeDataString(path)}", original.Replace("## ", "## From node A: "), "Publish");

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        // B reloads within its refresh interval (half a second here); the machine may be busy, so allow far more.
        var read = Stopwatch.StartNew();
        var title = await LessonTitleAsync();
        while (!title.StartsWith("From node A: ") && read.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
            title = await LessonTitleAsync();
        }
        Assert.StartsWith("From node A: ", title);

        async Task<string> LessonTitleAsync() => (await learnerOnB.GetDocumentAsync("/modules/listen-first")).QuerySelector("#lesson-title")!.TextContent;
    }

    [Fact]
    public async Task ImageUploadedOnA_IsServedByB()
    {
        using var trainer = await TwoNodes.SignInAsync(nodes.A.Address, "trainer@academy.test");
        using var learnerOnB = await TwoNodes.SignInAsync(nodes.B.Address, "newhire@academy.test");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];
        var token = await HttpClientForms.AntiforgeryTokenAsync(trainer, "/workspace/media/refunds");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(png), "image", "two-processes.png" },
        };

        var uploaded = await trainer.PostAsync("/workspace/media/refunds", content);
        var served = await learnerOnB.GetAsync("/media/refunds/two-processes.png");

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.False(File.Exists(Path.Combine(nodes.ContentPath, "modules", "refunds", "media", "two-processes.png")), "the upload is in the database, not on a node's disk");
    }

    /// <summary>The mail dispatch is due every 5 seconds on both nodes. On PostgreSQL both run jobs on Hangfire's shared
    /// storage: each occurrence is enqueued once, and each of those jobs is processed once. On SQLite only A runs jobs
    /// (B has <c>Academy:Jobs:Enabled=false</c>, as the README says): B's dashboard lists no run of its own.</summary>
    [Fact]
    public async Task RecurringJob_DueOnBothNodes_RunsOnce()
    {
        if (!TestDatabase.IsPostgres)
        {
            using var adminOnA = await TwoNodes.SignInAsync(nodes.A.Address, "admin@academy.test");
            using var adminOnB = await TwoNodes.SignInAsync(nodes.B.Address, "admin@academy.test");
            Assert.Contains("This node runs no jobs", (await adminOnB.GetDocumentAsync("/admin/operations")).Body!.TextContent);
            var waited = Stopwatch.StartNew();
            while (!(await adminOnA.GetStringAsync("/hangfire/jobs/succeeded")).Contains("MailDispatchJob") && waited.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(500);
            Assert.Contains("MailDispatchJob", await adminOnA.GetStringAsync("/hangfire/jobs/succeeded"));
            Assert.DoesNotContain("MailDispatchJob", await adminOnB.GetStringAsync("/hangfire/jobs/succeeded"));
            return;
        }

        await using var db = new NpgsqlConnection(nodes.ConnectionString);
        await db.OpenAsync();
        var runs = await RecurringRunsAsync(db);
        var watch = Stopwatch.StartNew();
        while (runs.Count(r => r.State == "Succeeded") < 3 && watch.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(1000);
            runs = await RecurringRunsAsync(db);
        }

        // Both nodes were there to compete for each occurrence: two Hangfire servers, named after the processes.
        var servers = await ListAsync(db, "SELECT id FROM hangfire.server", r => r.GetString(0));
        Assert.Contains(servers, s => s.Contains($":{nodes.A.Pid}:"));
        Assert.Contains(servers, s => s.Contains($":{nodes.B.Pid}:"));
        Assert.True(runs.Count(r => r.State == "Succeeded") >= 3, $"3 runs of the mail dispatch within 90 s; runs: {string.Join(", ", runs)}");
        // One job per occurrence (its due time), and one run per job.
        Assert.All(runs.GroupBy(r => r.Time), occurrence => Assert.Single(occurrence));
        Assert.All(runs.Where(r => r.State == "Succeeded"), run => Assert.Equal(1, run.Processed));
    }

    /// <summary>The repository's <c>deploy/nginx.conf</c>, with loopback ports for its addresses and a certificate made
    /// here for its paths: nginx accepts it (<c>nginx -t</c>), and one browser through it reaches both nodes, signed in
    /// over HTTPS with <c>Secure</c> cookies (the proxy's <c>X-Forwarded-Proto</c>, believed from loopback).</summary>
    [Fact]
    public async Task ThroughNginx_WithTheRepositorysConfig_OneBrowserIsServedByBothNodes()
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed, and this test checks deploy/nginx.conf with it: apt-get install nginx (.ci/run does).");
        var folder = Directory.CreateTempSubdirectory("academy-nginx-").FullName;
        // nginx's workers run as another user when the test runs as root: they must reach their temporary folders.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        var (httpPort, httpsPort) = (FreePort(), FreePort());
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(folder, "academy.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "academy.key"), key.ExportPkcs8PrivateKeyPem());
        var site = File.ReadAllText(Path.Combine(AcademyFactory.RepositoryRoot, "deploy", "nginx.conf"));
        foreach (var (example, here) in new[]
        {
            ("server 10.0.0.11:5000", $"server 127.0.0.1:{nodes.A.Address.Port}"),
            ("server 10.0.0.12:5000", $"server 127.0.0.1:{nodes.B.Address.Port}"),
            ("listen 80;", $"listen 127.0.0.1:{httpPort};"),
            ("listen 443 ssl", $"listen 127.0.0.1:{httpsPort} ssl"),
            ("/etc/ssl/certs/academy.example.com.pem", Path.Combine(folder, "academy.pem")),
            ("/etc/ssl/private/academy.example.com.key", Path.Combine(folder, "academy.key")),
        })
        {
            Assert.True(site.Contains(example), $"deploy/nginx.conf no longer has \"{example}\": update this test with it");
            site = site.Replace(example, here);
        }
        File.WriteAllText(Path.Combine(folder, "academy.conf"), site);
        // What /etc/nginx/nginx.conf gives the example in a Debian install, with every path in the test's folder.
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                include {{folder}}/academy.conf;
            }
            """);
        string[] arguments = ["-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-e", Path.Combine(folder, "error.log")];

        var check = Process.Start(new ProcessStartInfo(nginx, [.. arguments, "-t"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var checkOutput = await check.StandardError.ReadToEndAsync() + await check.StandardOutput.ReadToEndAsync();
        await check.WaitForExitAsync();
        Assert.True(check.ExitCode == 0, $"nginx -t refused deploy/nginx.conf:\n{checkOutput}");

        using var proxy = Process.Start(new ProcessStartInfo(nginx, [.. arguments, "-g", "daemon off;"]) { RedirectStandardError = true })!;
        try
        {
            using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
            // Only the certificate made above.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString();
            using var browser = TwoNodes.Client(new Uri($"https://127.0.0.1:{httpsPort}/"), handler.CookieContainer, handler);
            await WaitForAsync(browser, proxy);
            using (var plain = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) })
            {
                var redirect = await plain.GetAsync($"http://127.0.0.1:{httpPort}/account/login");
                Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
                Assert.Equal("https://127.0.0.1/account/login", redirect.Headers.Location!.OriginalString);
            }

            // The form comes from one node and its post goes to the other (nginx takes them in turn).
            var signIn = await browser.PostFormAsync("/account/login", new() { ["Input.Email"] = "admin@academy.test", ["Input.Password"] = AcademyFactory.Password });

            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.All(signIn.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));
            var served = new HashSet<int>();
            for (var i = 0; i < 4; i++)
            {
                var node = (await browser.GetDocumentAsync("/admin/operations")).QuerySelector("#node")!.TextContent;
                served.Add(int.Parse(Regex.Match(node, @":(\d+):").Groups[1].Value));
            }
            Assert.Equal(new HashSet<int> { nodes.A.Pid, nodes.B.Pid }, served);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/healthz/ready")).StatusCode);
        }
        finally
        {
            proxy.Kill(entireProcessTree: true);
            await proxy.WaitForExitAsync();
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        }
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Until nginx answers through to a node.</summary>
    private static async Task WaitForAsync(HttpClient browser, Process proxy)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (proxy.HasExited) throw new InvalidOperationException($"nginx stopped: {await proxy.StandardError.ReadToEndAsync()}");
            try
            {
                if ((await browser.GetAsync("/healthz/live")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) when (waited.Elapsed < TimeSpan.FromSeconds(20)) { }
            if (waited.Elapsed > TimeSpan.FromSeconds(20)) throw new InvalidOperationException("nginx did not answer 200 on /healthz/live within 20 s");
            await Task.Delay(100);
        }
    }

    private sealed record RecurringRun(long Job, string Time, string State, long Processed);

    /// <summary>The jobs that Hangfire's recurring scheduler made for the mail dispatch, as its dashboard lists them.</summary>
    private static Task<List<RecurringRun>> RecurringRunsAsync(NpgsqlConnection db) => ListAsync(db, """
        SELECT j.id, t.value, j.statename, (SELECT count(*) FROM hangfire.state s WHERE s.jobid = j.id AND s.name = 'Processing')
        FROM hangfire.job j
        JOIN hangfire.jobparameter r ON r.jobid = j.id AND r.name = 'RecurringJobId' AND r.value = '"mail-dispatch"'
        JOIN hangfire.jobparameter t ON t.jobid = j.id AND t.name = 'Time'
        """, r => new RecurringRun(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3)));

    private static async Task<List<T>> ListAsync<T>(NpgsqlConnection db, string sql, Func<NpgsqlDataReader, T> row)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(row(reader));
        return rows;
    }
}
