using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grid.Protocol.Local;

namespace Grid.DevCluster;

/// <summary>Starts Grid.Silo processes (the Release build in the checkout) and waits until they are ready.</summary>
public static class SiloLauncher
{
    public static string Binary(string? root = null) =>
        Path.Combine(root ?? RepositoryRoot.Find(), "src", "Silo", "bin", "Release", "net10.0", "Grid.Silo");

    /// <summary>Null when the silo is built, else what to run.</summary>
    public static string? Missing(string? root = null) =>
        File.Exists(Binary(root)) ? null : $"the Release silo is not built at {Binary(root)} (dotnet build Grid.sln -c Release)";

    /// <summary>Starts the silo in a process group of its own, output appended to <see cref="SiloLaunch.LogFile"/>.</summary>
    public static Process Start(SiloLaunch launch) =>
        ProcessGroup.Start(Binary(), launch.Arguments(), launch.LogFile, launch.FullEnvironment());

    /// <summary>
    /// Waits until the silo's <c>/readyz</c> answers 200 (storage answers, the silo is an active member, the catalogue
    /// loads) over TLS trusting only the grid's CA. Stops early, with the log's tail, when the process exits.
    /// </summary>
    public static async Task WaitReadyAsync(SiloLaunch launch, Func<bool> running, TimeSpan timeout)
    {
        var authority = X509CertificateLoader.LoadCertificateFromFile(launch.Certificates.AuthorityFile);
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is X509Certificate2 presented && IssuedBy(presented, authority),
            },
            ConnectTimeout = TimeSpan.FromSeconds(2),
        };
        using var http = new HttpClient(handler) { BaseAddress = launch.ApiEndpoint, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer";
        while (true)
        {
            if (!running()) throw new InvalidOperationException($"silo {launch.Index} exited before it was ready (see {launch.LogFile}):\n{Tail(launch.LogFile)}");
            try
            {
                using var response = await http.GetAsync("readyz");
                if (response.IsSuccessStatusCode) return;
                last = $"/readyz {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"silo {launch.Index} was not ready on {launch.ApiEndpoint} within {timeout.TotalSeconds:0} s ({last}; see {launch.LogFile}).");
            await Task.Delay(200);
        }
    }

    public static string Tail(string logFile, int lines = 40) =>
        File.Exists(logFile) ? string.Join('\n', File.ReadLines(logFile).TakeLast(lines)) : "(no log)";

    private static bool IssuedBy(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
