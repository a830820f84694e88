using System.Security.Cryptography.X509Certificates;

namespace Grid.Client;

/// <summary>Where the grid is and how to trust and sign in to it: an HTTPS endpoint, the grid's CA certificate (trusted
/// explicitly, alone: the system's roots are not consulted) and an API key.</summary>
public sealed record GridClientOptions
{
    /// <summary><c>GRID_ENDPOINT</c>: the API's base address, e.g. <c>https://grid.example:8443/</c>.</summary>
    public const string EndpointVariable = "GRID_ENDPOINT";

    /// <summary><c>GRID_CA_FILE</c>: the grid's CA certificate (PEM).</summary>
    public const string CaFileVariable = "GRID_CA_FILE";

    /// <summary>The API's base address. Defaults to <c>GRID_ENDPOINT</c>, else the local grid (<c>https://localhost:8443/</c>,
    /// or the port in <c>GRID_API_PORT_BASE</c>).</summary>
    public Uri Endpoint { get; init; } = LocalDefaults.Endpoint();

    /// <summary>The caller's API key. Defaults to <c>GRID_API_KEY</c>, else the file named by <c>GRID_KEY_FILE</c>.</summary>
    public string? ApiKey { get; init; } = ApiKeys.FromEnvironment();

    /// <summary>The grid's CA certificate file (PEM). Defaults to <c>GRID_CA_FILE</c>, else the local grid's
    /// <c>keys/ca.crt</c> under <c>GRID_DATA</c> or <c>./.data</c>.</summary>
    public string? CaCertificateFile { get; init; } = LocalDefaults.CaFile();

    /// <summary>The grid's CA certificate itself; takes precedence over <see cref="CaCertificateFile"/>.</summary>
    public X509Certificate2? CaCertificate { get; init; }

    /// <summary>A client certificate of the caller's force, issued by the grid's CA (<c>./grid.sh cert --force F</c>): PEM
    /// certificate file. The grid refuses it with another force's key, and may require it for a force (docs/SECURITY.md).</summary>
    public string? ClientCertificateFile { get; init; }

    /// <summary>The private key (PEM, 0600) of <see cref="ClientCertificateFile"/>; default: the same path with <c>.key</c>
    /// in place of its extension.</summary>
    public string? ClientKeyFile { get; init; }

    /// <summary>The client certificate with its private key; takes precedence over <see cref="ClientCertificateFile"/>.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>How long <see cref="GridClient.ConnectAsync"/> waits for the grid to report ready.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest any one call may take (a bulk batch may wait behind a shard snapshot for minutes).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Retries of idempotent calls (GET) after transient failures; other calls are never retried.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The client certificate to present, or null when none is configured.</summary>
    public X509Certificate2? LoadClientCertificate()
    {
        if (ClientCertificate is { } given) return given;
        if (ClientCertificateFile is not { Length: > 0 } path) return null;
        var key = ClientKeyFile is { Length: > 0 } k ? k : Path.ChangeExtension(path, ".key");
        foreach (var file in new[] { path, key })
            if (!File.Exists(file))
                throw new GridException("no-client-certificate", 0, $"The client certificate file {file} does not exist (./grid.sh cert --force F writes keys/client-F.crt and .key).");
        using var pem = X509Certificate2.CreateFromPemFile(path, key);
        // Re-imported as PKCS#12 so TLS can use the private key on every platform (a PEM-loaded key is ephemeral).
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The CA certificate to trust: <see cref="CaCertificate"/>, or the one in <see cref="CaCertificateFile"/>.</summary>
    public X509Certificate2 LoadAuthority()
    {
        if (CaCertificate is { } ca) return ca;
        if (CaCertificateFile is not { Length: > 0 } path)
            throw new GridException("no-ca-certificate", 0, "No CA certificate for the grid: set GridClientOptions.CaCertificateFile, GRID_CA_FILE or --ca-file.");
        if (!File.Exists(path))
            throw new GridException("no-ca-certificate", 0, $"The grid's CA certificate {path} does not exist (./grid.sh up writes it to the data folder's keys/ca.crt).");
        return X509CertificateLoader.LoadCertificateFromFile(path);
    }
}
