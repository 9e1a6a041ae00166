using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Billing.Infra.Email;

/// <summary>Sends email over SMTP with MailKit: STARTTLS when the server offers it, authentication when a user is configured.</summary>
public sealed class SmtpMailer(EmailOptions options)
{
    public async Task SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        using var client = new SmtpClient();
        await client.ConnectAsync(options.SmtpHost, options.SmtpPort, SecureSocketOptions.Auto, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(options.Username))
        {
            await client.AuthenticateAsync(options.Username, options.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }

        foreach (var message in messages)
        {
            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }

        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
    }
}
