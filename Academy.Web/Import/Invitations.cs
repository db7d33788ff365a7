using System.Globalization;
using System.Net;
using System.Text;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Academy.Web.Import;

/// <summary>The mail that invites an employee to choose their password: at import, and again when HR resends it.</summary>
public sealed class Invitations(UserManager<Employee> users, IOptions<AcademyOptions> options, IStringLocalizer<SharedResource> t)
{
    /// <summary>The invitation, in the employee's language, with a link to choose a password: Identity's reset token,
    /// which expires (see <c>AcademySetup</c>) and stops working once used, since setting the password changes the
    /// security stamp it was made from.</summary>
    public async Task<OutboxMail> ComposeAsync(Employee employee, DateTimeOffset now, string key)
    {
        var token = await users.GeneratePasswordResetTokenAsync(employee);
        var baseUrl = options.Value.PublicUrl.TrimEnd('/');
        var link = $"{baseUrl}/account/set-password?id={Uri.EscapeDataString(employee.Id)}&token={Uri.EscapeDataString(token)}";
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(employee.PreferredLanguage ?? "en");
        try
        {
            var subject = t["Your Academy account is ready"].Value;
            var greeting = t["Hello {0},", employee.FullName].Value;
            var intro = t["Your company has opened an Academy account for you, to follow your training. Your sign-in is your email address, {0}.", employee.Email!].Value;
            var action = t["Choose your password"].Value;
            var expiry = t["The link works once and expires in {0} days; if it has expired, ask your HR team for a new invitation.", AcademySetup.InvitationLifespan.Days].Value;
            var text = new StringBuilder().AppendLine(greeting).AppendLine().AppendLine(intro).AppendLine()
                .AppendLine($"{action}: {link}").AppendLine().AppendLine(expiry).ToString();
            var html = $"<!DOCTYPE html><html lang=\"{CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}\"><head><meta charset=\"utf-8\"><title>{Enc(subject)}</title></head><body>"
                + $"<p>{Enc(greeting)}</p><p>{Enc(intro)}</p><p><a href=\"{Enc(link)}\">{Enc(action)}</a></p><p><small>{Enc(expiry)}</small></p></body></html>";
            return new OutboxMail
            {
                Key = key, EmployeeId = employee.Id, To = employee.Email!, Subject = subject, Text = text, Html = html,
                CreatedAt = now, NextAttemptAt = now,
            };
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static string Enc(string value) => WebUtility.HtmlEncode(value);
}
