using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Academy.Web.Data;
using Academy.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Academy.Tests.Pages;

/// <summary>The digest through a real SMTP server: Debian's aiosmtpd, which prints each message it receives.</summary>
[Collection(HostCollection.Name)]
public sealed class SmtpMailTests
{
    [Fact]
    public async Task Digest_ArrivesAtARealSmtpServer_WithHeadersAndBothParts()
    {
        var port = FreePort();
        using var server = StartServer(port, out var received);
        using var site = new ClockFactory(settings: new() { ["Academy:Mail:Smtp:Host"] = "127.0.0.1", ["Academy:Mail:Smtp:Port"] = port.ToString(), ["Academy:PublicUrl"] = "https://academy.example" });
        await RefresherJobsTests.CompleteAsync(site, "nina@academy.test", "complaint-recovery");
        site.Clock.Advance(TimeSpan.FromDays(160));

        await site.RunAllJobsAsync();

        var message = await WaitForMessageAsync(received, "nina@academy.test");
        Assert.Equal("nina@academy.test", message.To.Mailboxes.Single().Address);
        Assert.Equal("academy@academy.test", message.From.Mailboxes.Single().Address);
        Assert.StartsWith("Your Academy training:", message.Subject);
        Assert.Contains("Refresher: take “Turning a complaint around” again before", message.TextBody);
        Assert.Contains("https://academy.example/modules/complaint-recovery", message.TextBody);
        Assert.Contains("<a href=\"https://academy.example/modules/complaint-recovery\">", message.HtmlBody);
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        Assert.Equal(0, await db.MailOutbox.CountAsync(m => m.SentAt == null));
    }

    [Fact]
    public async Task AnUnreachableServer_KeepsTheMailInTheOutbox_AndRetriesWithBackoff_ThenShowsItFailed()
    {
        using var site = new ClockFactory(settings: new() { ["Academy:Mail:Smtp:Host"] = "127.0.0.1", ["Academy:Mail:Smtp:Port"] = FreePort().ToString() });
        await RefresherJobsTests.CompleteAsync(site, "nina@academy.test", "complaint-recovery");
        site.Clock.Advance(TimeSpan.FromDays(160));
        await site.RunAllJobsAsync();
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var mail = await db.MailOutbox.AsNoTracking().SingleAsync(m => m.To == "nina@academy.test");
        Assert.Equal((1, null), (mail.Attempts, mail.SentAt));
        Assert.Equal(site.Clock.GetUtcNow() + TimeSpan.FromMinutes(1), mail.NextAttemptAt);

        await site.RunAsync<MailDispatchJob>((j, c) => j.RunAsync(c));
        Assert.Equal(1, (await db.MailOutbox.AsNoTracking().SingleAsync(m => m.Id == mail.Id)).Attempts);
        for (var i = 0; i < MailDispatchJob.MaxAttempts; i++)
        {
            site.Clock.Advance(TimeSpan.FromHours(9));
            await site.RunAsync<MailDispatchJob>((j, c) => j.RunAsync(c));
        }

        var failed = await db.MailOutbox.AsNoTracking().SingleAsync(m => m.Id == mail.Id);
        Assert.Equal(MailDispatchJob.MaxAttempts, failed.Attempts);
        Assert.NotNull(failed.FailedAt);
        var admin = await site.SignInAsync("admin@academy.test");
        var page = await admin.GetDocumentAsync("/admin/mail");
        Assert.Contains("nina@academy.test", page.QuerySelector("#failed-mail")!.TextContent);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal sealed class ServerProcess(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited) process.Kill();
            process.Dispose();
        }
    }

    internal static ServerProcess StartServer(int port, out StringBuilder received)
    {
        var output = new StringBuilder();
        received = output;
        // Debian's Python, where python3-aiosmtpd is installed (a python3 earlier on PATH may not have it).
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var process = new Process { StartInfo = new ProcessStartInfo(python, $"-u -m aiosmtpd -n -l 127.0.0.1:{port}") { RedirectStandardOutput = true, RedirectStandardError = true } };
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return new ServerProcess(process);
            }
            catch (SocketException) { Thread.Sleep(100); }
        }
        throw new InvalidOperationException("aiosmtpd did not start: apt-get install python3-aiosmtpd");
    }

    /// <summary>aiosmtpd's debugging handler prints each message between "---------- MESSAGE FOLLOWS ----------" and
    /// "------------ END MESSAGE ------------", with an X-Peer header of its own.</summary>
    internal static async Task<MimeMessage> WaitForMessageAsync(StringBuilder output, string to)
    {
        const string start = "---------- MESSAGE FOLLOWS ----------";
        const string end = "------------ END MESSAGE ------------";
        for (var i = 0; i < 100; i++)
        {
            string text;
            lock (output) text = output.ToString();
            foreach (var block in text.Split(start).Skip(1).Where(b => b.Contains(end)))
            {
                var raw = block[..block.IndexOf(end, StringComparison.Ordinal)].TrimStart('\r', '\n');
                // With 8BITMIME the handler first prints the envelope's options, then a blank line.
                if (raw.StartsWith("mail options:", StringComparison.Ordinal)) raw = raw[raw.IndexOf('\n')..].TrimStart('\r', '\n');
                // The debugging handler prints the payload as text lines; MimeKit reads them back.
                MimeMessage message;
                try { message = await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(raw.Replace("\r\n", "\n").Replace("\n", "\r\n")))); }
                catch (FormatException e) { throw new FormatException("Unreadable message:\n" + raw, e); }
                if (message.To.Mailboxes.Any(m => m.Address == to)) return message;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No message to {to} reached the SMTP server. Output:\n{output}");
    }
}
