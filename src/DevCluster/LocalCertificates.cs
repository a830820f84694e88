using System.Net;
using SecretFile = Grid.Protocol.Identity.KeyFile;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Grid.DevCluster;

/// <summary>
/// The local certificate authority and the certificates it issues, as PEM files in a keys folder (certificates 0644,
/// keys 0600 from their first byte), made once: the silos' certificate (the HTTPS API serves it, silos authenticate each
/// other with it over mutual TLS), the portal's server certificate, and member forces' client certificates. Clients
/// trust <c>ca.crt</c> and nothing else. The one implementation, used by <c>./grid.sh up</c> / <c>cert</c> (through the
/// local-cluster tool) and the tests; a second folder makes a second, unrelated authority.
/// </summary>
public sealed record LocalCertificates(string AuthorityFile, string CertificateFile, string KeyFile)
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    /// <summary>Leaf lifetimes: 825 days for servers (the most browsers accept), 397 for a force's client certificate.</summary>
    private const int ServerDays = 825, ClientDays = 397, AuthorityDays = 3650;

    public string Folder => Path.GetDirectoryName(AuthorityFile)!;

    public string AuthorityKeyFile => Path.Combine(Folder, "ca.key");

    /// <summary>The examiners' portal's own server certificate (serverAuth only): browsers at the site trust ca.crt once.</summary>
    public string PortalCertificateFile => Path.Combine(Folder, "portal.crt");

    public string PortalKeyFile => Path.Combine(Folder, "portal.key");

    /// <summary>
    /// Makes what is missing in <paramref name="folder"/> and keeps the rest. A new CA replaces the silo and portal
    /// certificates, which would no longer verify under it.
    /// </summary>
    public static LocalCertificates Ensure(string folder, string name = "local")
    {
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var files = new LocalCertificates(Path.Combine(folder, "ca.crt"), Path.Combine(folder, "silo.crt"), Path.Combine(folder, "silo.key"));
        if (!NonEmpty(files.AuthorityFile) || !NonEmpty(files.AuthorityKeyFile))
        {
            MakeAuthority(files, name);
            File.Delete(files.CertificateFile);
            File.Delete(files.PortalCertificateFile);
        }
        if (!NonEmpty(files.CertificateFile) || !NonEmpty(files.KeyFile))
            files.Issue(new X500DistinguishedName("CN=grid-silo"), ServerDays, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment,
                [ServerAuth, ClientAuth], "grid-silo", files.CertificateFile, files.KeyFile);
        if (!NonEmpty(files.PortalCertificateFile) || !NonEmpty(files.PortalKeyFile))
            files.Issue(new X500DistinguishedName("CN=grid-portal"), ServerDays, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment,
                [ServerAuth], "grid-portal", files.PortalCertificateFile, files.PortalKeyFile);
        return files;
    }

    /// <summary>
    /// A member force's client certificate from this CA (subject O=grid-force, CN=<paramref name="force"/>, clientAuth
    /// only, 397 days) as <c>client-F.crt</c> and a 0600 <c>client-F.key</c> in <paramref name="folder"/> (default: beside
    /// the CA); returns the certificate's path.
    /// </summary>
    public string IssueClient(string force, string? folder = null)
    {
        if (!ForceIds.IsValid(force))
            throw new ArgumentException($"'{force}' is not a force id (NL, DE-BKA).", nameof(force));
        folder ??= Folder;
        Directory.CreateDirectory(folder);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(force); // the builder encodes in reverse: this yields O=grid-force, CN=F (openssl's /O=grid-force/CN=F)
        subject.AddOrganizationName("grid-force");
        var file = Path.Combine(folder, $"client-{force}.crt");
        Issue(subject.Build(), ClientDays, X509KeyUsageFlags.DigitalSignature, [ClientAuth], null, file, Path.ChangeExtension(file, ".key"));
        return file;
    }

    private static bool NonEmpty(string path) => File.Exists(path) && new FileInfo(path).Length > 0;

    private static void MakeAuthority(LocalCertificates files, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=Identity Search Grid {name} CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var ca = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(AuthorityDays));
        SecretFile.Replace(files.AuthorityKeyFile, key.ExportPkcs8PrivateKeyPem());
        WritePublic(files.AuthorityFile, ca.ExportCertificatePem());
    }

    /// <summary>One P-256 leaf signed by the CA: not a CA itself, the given key usages and EKUs, and (for a server) the
    /// loopback names it answers on plus <paramref name="host"/>. Never outlives the CA.</summary>
    private void Issue(X500DistinguishedName subject, int days, X509KeyUsageFlags usage, string[] extendedUsages, string? host, string certificateFile, string keyFile)
    {
        using var ca = X509Certificate2.CreateFromPemFile(AuthorityFile, AuthorityKeyFile);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        var usages = new OidCollection();
        foreach (var oid in extendedUsages) usages.Add(new Oid(oid));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        if (host is not null)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddDnsName(host);
            names.AddIpAddress(IPAddress.Loopback);
            names.AddIpAddress(IPAddress.IPv6Loopback);
            request.CertificateExtensions.Add(names.Build());
        }
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var now = DateTimeOffset.UtcNow;
        var notAfter = now.AddDays(days) < ca.NotAfter ? now.AddDays(days) : new DateTimeOffset(ca.NotAfter);
        using var certificate = request.Create(ca, now.AddDays(-1), notAfter, RandomNumberGenerator.GetBytes(16));
        SecretFile.Replace(keyFile, key.ExportPkcs8PrivateKeyPem());
        WritePublic(certificateFile, certificate.ExportCertificatePem());
    }


    private static void WritePublic(string path, string pem)
    {
        File.WriteAllText(path, pem);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }
}
