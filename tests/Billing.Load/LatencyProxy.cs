using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Threading.Channels;

/// <summary>
/// A TCP proxy in front of one of Azurite's ports that holds every chunk of bytes for half the
/// round-trip time in each direction, as the network between a Functions instance and its storage
/// account would (docs/SCALE.md). Chunks keep their order and do not wait behind each other's delay:
/// it adds latency, not a limit on throughput.
/// </summary>
internal sealed partial class LatencyProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly int target;
    private readonly TimeSpan oneWay;

    private LatencyProxy(int target, TimeSpan roundTrip)
    {
        this.target = target;
        oneWay = roundTrip / 2;
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>The connection string with each local endpoint (http://127.0.0.1:port) reached through a proxy of its own.</summary>
    public static string Route(string connectionString, TimeSpan roundTrip, ICollection<LatencyProxy> proxies) =>
        LocalEndpoint().Replace(connectionString, match =>
        {
            var proxy = new LatencyProxy(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), roundTrip);
            proxies.Add(proxy);
            return $"http://127.0.0.1:{proxy.Port}";
        });

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            client.NoDelay = server.NoDelay = true;
            await server.ConnectAsync(IPAddress.Loopback, target, stopping.Token);
            using var done = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            var up = PumpAsync(client.GetStream(), server.GetStream(), done.Token);
            var down = PumpAsync(server.GetStream(), client.GetStream(), done.Token);
            await Task.WhenAny(up, down);
            await done.CancelAsync();
            await Task.WhenAll(up.ContinueWith(_ => { }, TaskScheduler.Default), down.ContinueWith(_ => { }, TaskScheduler.Default));
        }
    }

    // Reads as bytes arrive and writes each chunk once its delay is over, in order.
    private async Task PumpAsync(NetworkStream from, NetworkStream to, CancellationToken cancellationToken)
    {
        var chunks = Channel.CreateUnbounded<(long Due, byte[] Bytes)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writer = Task.Run(async () =>
        {
            await foreach (var (due, bytes) in chunks.Reader.ReadAllAsync(cancellationToken))
            {
                var wait = TimeSpan.FromTicks(due - DateTime.UtcNow.Ticks);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                await to.WriteAsync(bytes, cancellationToken);
            }

            to.Socket.Shutdown(SocketShutdown.Send);
        }, cancellationToken);

        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            chunks.Writer.TryWrite((DateTime.UtcNow.Ticks + oneWay.Ticks, buffer[..read]));
        }

        chunks.Writer.TryComplete();
        await writer;
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:(\d+)")]
    private static partial Regex LocalEndpoint();
}
