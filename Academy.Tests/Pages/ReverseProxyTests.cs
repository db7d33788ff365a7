using System.Net;
using Academy.Web.Data;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>The site in Production behind a reverse proxy that ends TLS and talks plain HTTP to it. The test
/// server has no network peer, so a test says which address the request comes from.</summary>
public sealed class ProxiedSiteFactory : AcademyFactory
{
    public const string PeerHeader = "X-Test-Peer";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("Academy:Demo:Seed", "true");
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, PeerAddressFilter>());
    }

    private sealed class PeerAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[PeerHeader].ToString());
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>A client that talks to the site as the proxy does: plain HTTP, from <paramref name="peer"/>, saying the
    /// browser used HTTPS. It keeps every cookie (a browser would send Secure ones back, since it used HTTPS) and
    /// records each Set-Cookie header.</summary>
    public (HttpClient Client, ProxyHandler Proxy) ProxyClient(string peer)
    {
        var proxy = new ProxyHandler(peer);
        var client = CreateDefaultClient(new Uri("http://academy.example.test"), proxy);
        return (client, proxy);
    }

    public sealed class ProxyHandler(string peer) : DelegatingHandler
    {
        private readonly Dictionary<string, string> _cookies = [];

        public List<string> SetCookies { get; } = [];

        /// <summary>The Set-Cookie header that last set <paramref name="name"/>.</summary>
        public string SetCookie(string name) =>
            SetCookies.LastOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No cookie {name} was set; seen: {string.Join(" | ", SetCookies)}");

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add(PeerHeader, peer);
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "198.51.100.7");
            if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
                foreach (var value in values)
                {
                    SetCookies.Add(value);
                    var pair = value.Split(';')[0];
                    var equals = pair.IndexOf('=');
                    _cookies[pair[..equals]] = pair[(equals + 1)..];
                }
            return response;
        }
    }
}

[Collection(HostCollection.Name)]
public sealed class ReverseProxyTests(ProxiedSiteFactory site) : IClassFixture<ProxiedSiteFactory>
{
    private const string Loopback = "127.0.0.1";
    private const string Stranger = "203.0.113.9";

    [Fact]
    public async Task EveryCookie_IsSecure_WhenALoopbackProxySaysTheBrowserUsedHttps()
    {
        const string email = "proxied@academy.test";
        using (var scope = site.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
            var created = await users.CreateAsync(new Employee { UserName = email, Email = email, EmailConfirmed = true, FullName = "Pat Proxied", IsActive = true }, AcademyFactory.Password);
            Assert.True(created.Succeeded);
        }
        var (client, proxy) = site.ProxyClient(Loopback);

        await SignInAsync(client, email);
        await ChangeLanguageAsync(client);
        // A changed password is announced on the next page through TempData, which is a cookie too.
        var changed = await client.PostFormAsync("/account/password", new()
        {
            ["Input.CurrentPassword"] = AcademyFactory.Password, ["Input.NewPassword"] = "Proxied-Secret-9", ["Input.ConfirmPassword"] = "Proxied-Secret-9",
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.All(new[] { "academy", "academy-xsrf", ".AspNetCore.Culture", ".AspNetCore.Mvc.CookieTempDataProvider" },
            name => Assert.Contains("; secure", proxy.SetCookie(name), StringComparison.OrdinalIgnoreCase));
        Assert.All(proxy.SetCookies, cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Hsts_IsSent_WhenALoopbackProxySaysTheBrowserUsedHttps()
    {
        var (client, _) = site.ProxyClient(Loopback);

        var response = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "no HSTS header");
        Assert.Contains("max-age=", hsts!.Single());
    }

    [Fact]
    public async Task ForwardedHeaders_AreIgnored_FromAnAddressThatIsNotAKnownProxy()
    {
        var (client, proxy) = site.ProxyClient(Stranger);

        var login = await client.GetAsync("/account/login");
        await SignInAsync(client);

        Assert.False(login.Headers.Contains("Strict-Transport-Security"), "HSTS sent over what is plain HTTP");
        Assert.DoesNotContain("secure", proxy.SetCookie("academy-xsrf"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", proxy.SetCookie("academy"), StringComparison.OrdinalIgnoreCase);
    }

    private static async Task SignInAsync(HttpClient client, string email = "newhire@academy.test")
    {
        var response = await client.PostFormAsync("/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = AcademyFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Uses the layout's language switch for French, whether it is a link or a form.</summary>
    private static async Task ChangeLanguageAsync(HttpClient client)
    {
        var home = new HtmlParser().ParseDocument(await client.GetStringAsync("/"));
        HttpResponseMessage response;
        if (home.QuerySelector("a[hreflang=fr]") is { } link)
            response = await client.GetAsync(link.GetAttribute("href"));
        else
        {
            var button = home.QuerySelectorAll("form button, form input[type=submit]").First(b => b.GetAttribute("lang") == "fr" || b.GetAttribute("value") == "fr");
            var form = button.Closest("form")!;
            var fields = form.QuerySelectorAll("input[name]").Where(i => i.GetAttribute("type") != "submit")
                .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
            if (button.GetAttribute("name") is { } name) fields[name] = button.GetAttribute("value") ?? "";
            response = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
        }
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
