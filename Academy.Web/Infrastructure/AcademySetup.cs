using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Academy.Web.Data;
using Academy.Web.Jobs;
using Academy.Web.Pages.Verify;
using Hangfire;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Infrastructure;

/// <summary>Service registration and the request pipeline, kept out of Program.cs so the tests and the
/// command-line verbs build the same application.</summary>
public static class AcademySetup
{
    public static readonly CultureInfo[] Cultures = [new("en"), new("fr")];

    private static readonly TimeSpan StampValidationInterval = TimeSpan.FromMinutes(1);

    /// <summary>How long an imported employee's set-password link works (Identity's reset token lifespan).</summary>
    public static readonly TimeSpan InvitationLifespan = TimeSpan.FromDays(7);

    public static void AddAcademy(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.Configure<AcademyOptions>(configuration.GetSection(AcademyOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.Configure<ForwardedHeadersOptions>(o => TrustProxies(o, configuration.GetSection(AcademyOptions.Section).Get<AcademyOptions>()?.ForwardedHeaders ?? new()));
        // Behind a proxy that ends TLS, the request is HTTPS once the forwarded headers are applied: every cookie
        // then carries Secure. The policy covers cookies written by hand (the language); each cookie below says so too.
        services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.SameAsRequest);
        services.Configure<CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        var provider = AcademyDatabase.Provider(configuration);
        var connectionString = AcademyDatabase.ConnectionString(configuration, provider, builder.Environment.ContentRootPath);
        services.AddAcademyDatabase(provider, connectionString);
        services.AddSingleton(NodeIdentity.New());
        // In the database, so that every node signs and reads the same cookies and antiforgery tokens; the application
        // name keeps them apart from another site's keys in a shared store, whatever folder each node runs from.
        services.AddDataProtection().SetApplicationName("Academy").PersistKeysToDbContext<AcademyDbContext>();

        services.AddIdentity<Employee, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
                // Deactivated employees fail this check (see ActiveEmployeeConfirmation), so they cannot sign in.
                o.SignIn.RequireConfirmedAccount = true;
            })
            .AddEntityFrameworkStores<AcademyDbContext>()
            .AddDefaultTokenProviders()
            .AddSignInManager<AcademySignInManager>()
            .AddClaimsPrincipalFactory<EmployeeClaimsFactory>();
        services.AddScoped<IUserConfirmation<Employee>, ActiveEmployeeConfirmation>();
        // An invitation waits in a mailbox over a weekend; Identity's default day is too short for it.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = InvitationLifespan);
        // A deactivated employee's security stamp changes; their open sessions end within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = StampValidationInterval);
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/error";
            o.Cookie.Name = "academy";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Identity's validator looks at the cookie's age only after building SignInManager, UserManager and
            // their store for the request; looking first spares every page that work while the cookie is fresh.
            o.Events.OnValidatePrincipal = context =>
                context.Properties.IssuedUtc is { } issued
                && context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow() - issued <= StampValidationInterval
                    ? Task.CompletedTask
                    : SecurityStampValidator.ValidatePrincipalAsync(context);
            o.Events.OnRedirectToAccessDenied = context =>
            {
                // A signed-in user without the role gets a plain 403 (rendered by the status page), not a redirect.
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAcademyAuthorization();

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new ProfileCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });

        services.AddRazorPages(o =>
            {
                Permissions.Apply(o.Conventions);
                o.Conventions.ConfigureFilter(new MethodNotAllowedFilter());
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "academy-xsrf";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: [ReadinessCheck.Tag])
            .AddCheck<ReadinessCheck>("content", tags: [ReadinessCheck.Tag])
            .AddCheck<JobServerCheck>("jobs", tags: [ReadinessCheck.Tag]);

        services.AddSingleton<ContentCatalog>();
        services.AddScoped<ContentImporter>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DemoHistory>();
        services.AddScoped<Pages.Quizzes.QuizAttempts>();
        services.AddSingleton<Certificates.CertificatePdf>();
        services.AddScoped<Import.EmployeeImportJob>();
        services.AddScoped<Import.Invitations>();
        services.AddSingleton<Import.ImportProgress>();
        services.AddSingleton<Pages.Reports.Subscriptions.ReportLinks>();
        services.AddMemoryCache();
        // Cached entries expire on the site's clock, like everything else that reads the time (and the tests move it).
        services.AddOptions<Microsoft.Extensions.Caching.Memory.MemoryCacheOptions>()
            .Configure<TimeProvider>((options, clock) => options.Clock = new CacheClock(clock));
        services.AddSingleton<Pages.Lineup.LineupStoriesCache>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per client address, so that nobody can walk through codes; everyone else is unaffected.
            o.AddPolicy(Pages.Verify.IndexModel.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AcademyOptions>>().Value.Verification.PermitsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
        if (builder.Environment.IsDevelopment()) services.AddHostedService<ContentWatcher>();
        services.AddHostedService<ContentRefresher>();
        services.AddAcademyJobs(configuration, provider, connectionString);
    }

    public static async Task PrepareDatabaseAndContentAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        await db.Database.MigrateAsync();
        // WAL lets readers continue while an import or a progress write is committing; it is a property of the file.
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedRolesAsync();
        var demoCreated = (app.Environment.IsDevelopment() || app.Configuration.GetValue<bool>("Academy:Demo:Seed"))
            && await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedDemoAccountsAsync();
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AcademyOptions>>().Value;
        await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportDirectoryAsync(options.ContentRoot(app.Environment), CancellationToken.None);
        // After the content (its answers are to published quizzes), and only with the accounts: a restart adds nothing.
        if (demoCreated && options.Demo.History)
        {
            try
            {
                await scope.ServiceProvider.GetRequiredService<DemoHistory>().SeedAsync(CancellationToken.None);
            }
            catch (Exception e)
            {
                // Say, a content folder without the quizzes the history answers: the demo starts without it (or with
                // what was saved), never fails to start, and nothing half-made stays tracked for the next save.
                db.ChangeTracker.Clear();
                app.Logger.LogWarning(e, "The demo history was not created");
            }
        }
        // After the content: the streaks are counted on lineup.md's working days.
        await Pages.Lineup.LineupStreaks.RecountAsync(db, scope.ServiceProvider.GetRequiredService<ContentCatalog>().Current, CancellationToken.None);
        // After the content: the catch-up run of the jobs reads the published programs and modules.
        JobSchedule.Start(app.Services);
    }

    public static void UseAcademy(this WebApplication app)
    {
        // First: everything after it (HSTS, cookies, redirects) must see the scheme the browser used.
        app.UseForwardedHeaders();
        app.UseCookiePolicy();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        app.UseMiddleware<SecurityHeaders>();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        // After authentication: the employee's profile language is one of the sources.
        app.UseRequestLocalization();
        app.UseAuthorization();
        app.UseRateLimiter();
        // Live: the process answers (a proxy or orchestrator restarts it otherwise). Ready: it can serve (send it traffic).
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/healthz/ready", ReadinessCheck.Options).AllowAnonymous();
        app.MapHealthChecks("/healthz", ReadinessCheck.Options).AllowAnonymous();
        app.MapMediaFiles();
        app.MapRazorPages();
        app.MapVerificationJson();
        // Hangfire's own filter would allow local requests only; the Admin policy decides instead (403 for others).
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], AppPath = null, DisplayStorageConnectionString = false })
            .RequireAuthorization(Policies.Admin);
    }

    /// <summary>Believes X-Forwarded-For and X-Forwarded-Proto from loopback (ASP.NET Core's default) and from
    /// the configured proxies. A wrong address stops the start rather than leaving the site on plain HTTP cookies.</summary>
    private static void TrustProxies(ForwardedHeadersOptions options, ProxyOptions proxies)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        foreach (var proxy in proxies.KnownProxies)
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                : throw new InvalidOperationException($"Academy:ForwardedHeaders:KnownProxies: \"{proxy}\" is not an IP address (e.g. 10.0.0.5)."));
        foreach (var network in proxies.KnownNetworks)
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed
                : throw new InvalidOperationException($"Academy:ForwardedHeaders:KnownNetworks: \"{network}\" is not a network in CIDR notation (e.g. 10.0.0.0/24)."));
    }

    /// <summary>The memory cache's clock, read from the site's <see cref="TimeProvider"/>.</summary>
    private sealed class CacheClock(TimeProvider clock) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
}
