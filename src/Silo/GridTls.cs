using System.Security.Cryptography.X509Certificates;

namespace Grid.Silo;

/// <summary>
/// The grid's certificates: this silo's (PEM certificate and 0600 key, for the HTTPS API and for Orleans' silo-to-silo
/// mutual TLS) and the grid's CA, the only authority a silo trusts for the other silos. <c>./grid.sh up</c> makes all
/// three on first start (openssl, in the data folder's <c>keys/</c>); a real deployment mounts them from a secret.
/// </summary>
public sealed class GridTls
{
    private GridTls(X509Certificate2 certificate, X509Certificate2 authority)
    {
        Certificate = certificate;
        Authority = authority;
    }

    public X509Certificate2 Certificate { get; }

    public X509Certificate2 Authority { get; }

    public static GridTls Load(string certificatePem, string keyPem, string authorityPem)
    {
        foreach (var path in new[] { certificatePem, keyPem, authorityPem })
            if (!File.Exists(path)) throw new FileNotFoundException($"TLS file {path} is missing (./grid.sh up makes the local CA and certificates in the data folder's keys/).", path);
        var certificate = X509Certificate2.CreateFromPemFile(certificatePem, keyPem);
        var authority = X509CertificateLoader.LoadCertificateFromFile(authorityPem);
        var tls = new GridTls(certificate, authority);
        if (!tls.IsIssuedByGrid(certificate))
            throw new InvalidOperationException($"{certificatePem} is not issued by the grid's CA {authorityPem}.");
        return tls;
    }

    /// <summary>True when <paramref name="certificate"/> chains to the grid's CA (and only to it: the system's roots are not
    /// consulted), is within its validity and may authenticate both ends of a silo connection.</summary>
    public bool IsIssuedByGrid(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
