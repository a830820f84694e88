using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Grid.Client.Http;

/// <summary>The HTTP plumbing of a grid client: a pooled keep-alive handler that trusts the grid's CA and nothing else,
/// and retries for idempotent calls only (a search, an enrolment or a change is never sent twice by the client).</summary>
public static class GridHttp
{
    /// <summary>A handler that accepts the server only if its certificate chains to <paramref name="authority"/> and names
    /// the host dialled. There is deliberately no way to accept any certificate. <paramref name="clientCertificate"/>, when
    /// given, is presented to the grid (a force's client certificate).</summary>
    public static SocketsHttpHandler CreatePrimaryHandler(X509Certificate2 authority, X509Certificate2? clientCertificate = null) => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AutomaticDecompression = DecompressionMethods.None,
        EnableMultipleHttp2Connections = true,
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusts(authority, certificate, errors),
            ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
            LocalCertificateSelectionCallback = clientCertificate is null ? null : (_, _, _, _, _) => clientCertificate,
        },
    };

    /// <summary>Retries with jittered exponential back-off for transient failures of safe methods (GET, HEAD...) only.</summary>
    public static HttpRetryStrategyOptions RetryOptions(int maxRetries)
    {
        var options = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, maxRetries),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
        };
        options.DisableForUnsafeHttpMethods();
        return options;
    }

    /// <summary>The handler chain for a client made without dependency injection: retries (safe methods) over the primary handler.</summary>
    public static HttpMessageHandler CreateHandler(X509Certificate2 authority, int maxRetries, X509Certificate2? clientCertificate = null)
    {
        var retries = new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(RetryOptions(maxRetries)).Build();
        return new ResilienceHandler(retries) { InnerHandler = CreatePrimaryHandler(authority, clientCertificate) };
    }

    private static bool Trusts(X509Certificate2 authority, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
            return false;
        var certificate = presented as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
