using System.Collections.Concurrent;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Billing.Infra.Email;

/// <summary>
/// Sends email over SMTP with MailKit: STARTTLS when the server offers it, authentication when a user
/// is configured. Connections are kept and reused (a renewal run sends thousands); one the server has
/// closed (dropped, or answered 421 after idling) is replaced, and its messages are sent again on the
/// new one (an email may repeat, never be lost).
/// </summary>
public sealed class SmtpMailer(EmailOptions options) : IDisposable
{
    private const int MaxIdleConnections = 8;
    private readonly ConcurrentBag<SmtpClient> _idle = [];

    public async Task SendAsync(IReadOnlyList<OutgoingEmail> emails, CancellationToken cancellationToken)
    {
        var messages = emails.Select(e => e.Message).ToList();
        if (messages.Count == 0)
        {
            return;
        }

        var client = await RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SendAllAsync(client.Connection, messages, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (client.Reused && IsClosedByServer(e))
        {
            // The kept connection had been closed by the server: once more on a new one.
            client.Connection.Dispose();
            client = (await ConnectAsync(cancellationToken).ConfigureAwait(false), false);
            await SendOrDisposeAsync(client.Connection, messages, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            client.Connection.Dispose();
            throw;
        }

        if (_idle.Count < MaxIdleConnections)
        {
            _idle.Add(client.Connection);
        }
        else
        {
            await client.Connection.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
            client.Connection.Dispose();
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var client))
        {
            client.Dispose();
        }
    }

    /// <summary>
    /// A kept connection the server let go: dropped outright, or closed after idling with a
    /// <c>421</c> (Postfix, Exchange), which MailKit reads as the answer to the next command.
    /// </summary>
    private static bool IsClosedByServer(Exception e) =>
        e is ServiceNotConnectedException or SmtpProtocolException or IOException
            or SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable };

    private async Task<(SmtpClient Connection, bool Reused)> RentAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var kept))
        {
            if (kept.IsConnected)
            {
                return (kept, true);
            }

            kept.Dispose();
        }

        return (await ConnectAsync(cancellationToken).ConfigureAwait(false), false);
    }

    private static async Task SendOrDisposeAsync(SmtpClient client, IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        try
        {
            await SendAllAsync(client, messages, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task SendAllAsync(SmtpClient client, IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(options.SmtpHost, options.SmtpPort, SecureSocketOptions.Auto, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(options.Username))
            {
                await client.AuthenticateAsync(options.Username, options.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
