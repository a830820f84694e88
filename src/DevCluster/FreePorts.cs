using System.Net;
using System.Net.Sockets;

namespace Grid.DevCluster;

/// <summary>The one way to find free loopback ports and to wait for a port to answer.</summary>
public static class FreePorts
{
    /// <summary>A loopback port nobody listens on right now (the OS picks it).</summary>
    public static int Next() => Next(1)[0];

    /// <summary><paramref name="count"/> distinct free ports: every listener is held until all have their port.</summary>
    public static int[] Next(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners) listener.Start();
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }

    /// <summary>True when something accepts a TCP connection on the loopback port within a second.</summary>
    public static async Task<bool> AnswersAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits until the port answers; <paramref name="exited"/> (when given) stops the wait early with its reason.</summary>
    public static async Task WaitOpenAsync(int port, TimeSpan timeout, string what, Func<string?>? exited = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await AnswersAsync(port))
        {
            if (exited?.Invoke() is { } why) throw new InvalidOperationException($"{what} exited before port {port} answered: {why}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what} did not open port {port} within {timeout.TotalSeconds:0} s.");
            await Task.Delay(100);
        }
    }
}
