using System.Security.Cryptography;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Academy.Web.Pages.Reports.Subscriptions;

/// <summary>The download link mailed instead of a file over the attachment limit: a subscription and a period, signed
/// and encrypted by ASP.NET's time-limited data protector, so that it cannot be forged or altered and stops working.</summary>
public sealed class ReportLinks(IDataProtectionProvider provider, TimeProvider clock, IOptions<AcademyOptions> options)
{
    private const string Purpose = "Academy.ScheduledReport.Link.v1";

    public abstract record Reading;
    public sealed record Valid(int SubscriptionId, string Period, DateTimeOffset Expires) : Reading;
    public sealed record Expired(DateTimeOffset At) : Reading;
    public sealed record Invalid : Reading;

    private ITimeLimitedDataProtector Protector => provider.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public TimeSpan Lifetime => TimeSpan.FromDays(options.Value.Reports.LinkLifetimeDays);

    public string Create(int subscriptionId, string period, out DateTimeOffset expires)
    {
        expires = clock.GetUtcNow() + Lifetime;
        return Protector.Protect($"{subscriptionId}|{period}", expires);
    }

    /// <summary>The protector checks its own expiry against the system clock (a link past it reads as not valid); the
    /// site's clock is asked too, so that the date the link names is the one it stops on, in tests as in production.</summary>
    public Reading Read(string? token)
    {
        if (string.IsNullOrEmpty(token)) return new Invalid();
        try
        {
            var text = Protector.Unprotect(token, out var expires);
            if (expires <= clock.GetUtcNow()) return new Expired(expires);
            var parts = text.Split('|');
            return parts.Length == 2 && int.TryParse(parts[0], out var id) ? new Valid(id, parts[1], expires) : new Invalid();
        }
        catch (CryptographicException)
        {
            return new Invalid();
        }
        catch (FormatException)
        {
            return new Invalid();
        }
    }
}
