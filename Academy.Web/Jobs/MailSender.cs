using Academy.Web.Data;
using Academy.Web.Infrastructure;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Academy.Web.Jobs;

/// <summary>Sends through SMTP when <c>Academy:Mail:Smtp:Host</c> is set, otherwise writes an .eml file into the pickup
/// folder, so a fresh checkout sends "mail" with nothing to configure.</summary>
public sealed class MailSender(IOptions<AcademyOptions> options, IHostEnvironment environment)
{
    /// <summary>An unreachable server fails the attempt quickly; the outbox retries it later.</summary>
    private const int TimeoutMilliseconds = 15_000;

    public string PickupFolder => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Mail.PickupPath));

    public static MimeMessage Build(string from, OutboxMail mail, MailAttachment? attachment = null)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        // Stable per outbox row: a retry after an unknown outcome is recognisable as the same message.
        message.MessageId = $"outbox-{mail.Id}@academy";
        var body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html };
        if (attachment is not null) body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        message.Body = body.ToMessageBody();
        return message;
    }

    public async Task SendAsync(OutboxMail mail, MailAttachment? attachment, CancellationToken cancellationToken)
    {
        var settings = options.Value.Mail;
        var message = Build(settings.From, mail, attachment);
        message.Date = mail.CreatedAt;
        if (string.IsNullOrWhiteSpace(settings.Smtp.Host))
        {
            Directory.CreateDirectory(PickupFolder);
            // Named after the outbox row: sending twice rewrites one file instead of adding a second.
            await message.WriteToAsync(Path.Combine(PickupFolder, $"{mail.Id:D8}.eml"), cancellationToken);
            return;
        }
        using var client = new SmtpClient { Timeout = TimeoutMilliseconds };
        await client.ConnectAsync(settings.Smtp.Host, settings.Smtp.Port, Enum.Parse<SecureSocketOptions>(settings.Smtp.Security, ignoreCase: true), cancellationToken);
        if (!string.IsNullOrEmpty(settings.Smtp.UserName))
            await client.AuthenticateAsync(settings.Smtp.UserName, settings.Smtp.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}
