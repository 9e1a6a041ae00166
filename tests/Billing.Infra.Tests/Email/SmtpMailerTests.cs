using Billing.Infra.Email;
using MimeKit;

namespace Billing.Infra.Tests.Email;

/// <summary>The mailer against a real SMTP peer on loopback: kept connections, and what happens when the server drops one.</summary>
public class SmtpMailerTests
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMilliseconds(300);

    [Fact]
    [Trait("Rule", "B4")]
    public async Task After_the_server_closes_an_idle_kept_connection_with_421_the_next_email_goes_out_on_a_fresh_connection()
    {
        await using var server = new IdleClosingSmtpServer(IdleTimeout);
        using var mailer = new SmtpMailer(new EmailOptions { SmtpHost = "127.0.0.1", SmtpPort = server.Port });

        await mailer.SendAsync([Message("first")], default);
        await WaitUntilAsync(() => server.IdleClosings == 1);
        await mailer.SendAsync([Message("second")], default);

        Assert.Equal(["first", "second"], server.Subjects);
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    [Trait("Rule", "B4")]
    public async Task Emails_sent_one_after_another_share_one_kept_connection()
    {
        await using var server = new IdleClosingSmtpServer(TimeSpan.FromSeconds(30));
        using var mailer = new SmtpMailer(new EmailOptions { SmtpHost = "127.0.0.1", SmtpPort = server.Port });

        await mailer.SendAsync([Message("first")], default);
        await mailer.SendAsync([Message("second"), Message("third")], default);

        Assert.Equal(["first", "second", "third"], server.Subjects);
        Assert.Equal(1, server.Connections);
    }

    private static OutgoingEmail Message(string subject) => new(MimeMessageOf(subject));

    private static MimeMessage MimeMessageOf(string subject)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = "Hello." } };
        message.From.Add(MailboxAddress.Parse("billing@collab.test"));
        message.To.Add(MailboxAddress.Parse("owner@acme.test"));
        return message;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }
}
