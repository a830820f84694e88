using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Grid.Cluster.Tests.Harness;

/// <summary>
/// A TCP proxy on a free loopback port in front of one upstream port (Azurite's blob port in the storage fault tests):
/// every accepted connection gets its own upstream connection and bytes are copied both ways.
/// <para><see cref="Delay"/> is added once per request, before the first chunk a client sends after upstream last
/// answered it (HTTP/1.1 keep-alive runs request, response, request...), so 200 ms costs each storage request about
/// 200 ms whatever its size, as a distant or overloaded storage account does. <see cref="Stall"/> holds every byte in
/// both directions until <see cref="Resume"/>: storage that accepts connections and answers nothing.</para>
/// </summary>
public sealed class DelayingProxy : IAsyncDisposable
{
    private const int ChunkBytes = 64 * 1024;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private readonly Task _accepting;
    private TaskCompletionSource _flowing = Open();
    private long _requests;

    public DelayingProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    /// <summary>Where clients connect instead of the upstream port.</summary>
    public int Port { get; }

    /// <summary>Added to every request (changeable at any time; zero = a plain relay).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Requests relayed so far (first chunks after an answer, or of a new connection).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>From now on no byte passes in either direction (connections stay open) until <see cref="Resume"/>.</summary>
    public void Stall()
    {
        if (_flowing.Task.IsCompleted) _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Lets held and new bytes through again.</summary>
    public void Resume() => _flowing.TrySetResult();

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            var relay = RelayAsync(client);
            _connections.TryAdd(relay, 0);
            _ = relay.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using var _ = client;
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
        }
        catch (Exception)
        {
            return; // upstream down: the client sees its connection closed, as with the real thing refusing
        }
        client.NoDelay = upstream.NoDelay = true;
        var answered = new StrongBox(true); // a new connection's first chunk starts a request
        using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var requests = PumpAsync(client, upstream, answered, isRequest: true, done.Token);
        var responses = PumpAsync(upstream, client, answered, isRequest: false, done.Token);
        await Task.WhenAny(requests, responses);
        await done.CancelAsync(); // one side closed or failed: close both, as a relay does
        try
        {
            await Task.WhenAll(requests, responses);
        }
        catch (Exception)
        {
            // the other side's pump ends with the cancellation or a reset
        }
    }

    private async Task PumpAsync(Socket from, Socket to, StrongBox answered, bool isRequest, CancellationToken token)
    {
        var buffer = new byte[ChunkBytes];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, token);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }
                if (isRequest && answered.Value)
                {
                    answered.Value = false;
                    Interlocked.Increment(ref _requests);
                    if (Delay is { Ticks: > 0 } delay) await Task.Delay(delay, token);
                }
                else if (!isRequest)
                    answered.Value = true;
                await _flowing.Task.WaitAsync(token);
                for (var sent = 0; sent < read;)
                    sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, token);
            }
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
        }
        catch (SocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Resume();
        _listener.Stop();
        await _accepting;
        try
        {
            await Task.WhenAll(_connections.Keys);
        }
        catch (Exception)
        {
        }
        _stop.Dispose();
    }

    /// <summary>Whether upstream answered since the client last sent (shared by a connection's two pumps).</summary>
    private sealed class StrongBox(bool value)
    {
        public volatile bool Value = value;
    }
}
