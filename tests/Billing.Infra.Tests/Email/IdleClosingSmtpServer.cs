using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Billing.Infra.Tests.Email;

/// <summary>
/// A small SMTP server on a loopback port that behaves as Postfix and Exchange do with idle clients:
/// once a message is accepted, after its idle timeout without a command it answers <c>421 4.4.2</c>
/// on its own and closes the connection (before that it waits as long as the client takes, so a slow
/// machine cannot trip it in the middle of the first message). It speaks enough SMTP (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) to take
/// MailKit's messages, and keeps the subject of each one it accepted.
/// </summary>
public sealed class IdleClosingSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeSpan _idleTimeout;
    private readonly Task _accepting;

    public IdleClosingSmtpServer(TimeSpan idleTimeout)
    {
        _idleTimeout = idleTimeout;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ConcurrentQueue<string> Subjects { get; } = new();

    private int _connections;
    private int _idleClosings;

    public int Connections => Volatile.Read(ref _connections);

    public int IdleClosings => Volatile.Read(ref _idleClosings);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 idle-closing.test ESMTP");
        var accepted = false;
        try
        {
            while (true)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                if (accepted)
                {
                    idle.CancelAfter(_idleTimeout);
                }

                string? line;
                try
                {
                    line = await reader.ReadLineAsync(idle.Token);
                }
                catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _idleClosings);
                    await writer.WriteLineAsync("421 4.4.2 idle-closing.test Error: timeout exceeded");
                    return;
                }

                if (line is null)
                {
                    return;
                }

                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-idle-closing.test");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "HELO" or "MAIL" or "RCPT" or "RSET" or "NOOP":
                        await writer.WriteLineAsync("250 2.0.0 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        await ReadMessageAsync(reader);
                        await writer.WriteLineAsync("250 2.0.0 queued");
                        accepted = true;
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 Command not recognized");
                        break;
                }
            }
        }
        catch (IOException)
        {
            // The client went away.
        }
    }

    private async Task ReadMessageAsync(StreamReader reader)
    {
        string? subject = null;
        while (await reader.ReadLineAsync(_stop.Token) is { } line && line != ".")
        {
            if (subject is null && line.StartsWith("Subject: ", StringComparison.OrdinalIgnoreCase))
            {
                subject = line["Subject: ".Length..];
            }
        }

        Subjects.Enqueue(subject ?? string.Empty);
    }
}
