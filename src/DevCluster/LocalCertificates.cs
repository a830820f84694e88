using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Grid.DevCluster;

/// <summary>
/// The local certificate authority and the silos' certificate as PEM files in a keys folder (CA 0644 + key 0600,
/// silo certificate 0644 + key 0600), made once: the HTTPS API serves the silo certificate, silos authenticate each
/// other with it (mutual TLS), and clients trust <c>ca.crt</c> and nothing else. The one implementation, used by
/// <c>./grid.sh up</c> and the tests (a second folder makes a second, unrelated authority).
/// </summary>
public sealed record LocalCertificates(string AuthorityFile, string CertificateFile, string KeyFile)
{
    public string AuthorityKeyFile => Path.Combine(Path.GetDirectoryName(AuthorityFile)!, "ca.key");

    /// <summary>Makes what is missing in <paramref name="folder"/> (a new CA means a new silo certificate) and keeps the rest.</summary>
    public static LocalCertificates Ensure(string folder, string name = "local")
    {
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var files = new LocalCertificates(Path.Combine(folder, "ca.crt"), Path.Combine(folder, "silo.crt"), Path.Combine(folder, "silo.key"));
        if (!NonEmpty(files.AuthorityFile) || !NonEmpty(files.AuthorityKeyFile))
        {
            MakeAuthority(files, name);
            File.Delete(files.CertificateFile);
        }
        if (!NonEmpty(files.CertificateFile) || !NonEmpty(files.KeyFile)) MakeSiloCertificate(files);
        return files;
    }

    /// <summary>
    /// A member force's client certificate from this CA (subject O=grid-force, CN=<paramref name="force"/>, clientAuth
    /// only, 397 days) as <c>client-F.crt</c> and a 0600 <c>client-F.key</c> in <paramref name="folder"/> (default: beside
    /// the CA); returns the certificate's path.
    /// </summary>
    public string IssueClient(string force, string? folder = null)
    {
        folder ??= Path.GetDirectoryName(AuthorityFile)!;
        Directory.CreateDirectory(folder);
        using var ca = X509Certificate2.CreateFromPemFile(AuthorityFile, AuthorityKeyFile);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (!System.Text.RegularExpressions.Regex.IsMatch(force, "^[A-Z]{2}(-[A-Z0-9]{1,16})?$"))
            throw new ArgumentException($"'{force}' is not a force id (NL, DE-BKA).", nameof(force));
        var subject = new X500DistinguishedNameBuilder(); // encoded O then CN, as openssl's /O=grid-force/CN=F
        subject.AddCommonName(force); // the builder encodes in reverse: this yields O=grid-force, CN=F
        subject.AddOrganizationName("grid-force");
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.Create(ca, now.AddDays(-1), now.AddDays(397), RandomNumberGenerator.GetBytes(16));
        var file = Path.Combine(folder, $"client-{force}.crt");
        WriteSecret(Path.ChangeExtension(file, ".key"), key.ExportPkcs8PrivateKeyPem());
        WritePublic(file, certificate.ExportCertificatePem());
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
        using var ca = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(3650));
        WriteSecret(files.AuthorityKeyFile, key.ExportPkcs8PrivateKeyPem());
        WritePublic(files.AuthorityFile, ca.ExportCertificatePem());
    }

    private static void MakeSiloCertificate(LocalCertificates files)
    {
        using var ca = X509Certificate2.CreateFromPemFile(files.AuthorityFile, files.AuthorityKeyFile);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=grid-silo", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false)); // serverAuth, clientAuth
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName("grid-silo");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var now = DateTimeOffset.UtcNow;
        var notAfter = now.AddDays(825) < ca.NotAfter ? now.AddDays(825) : new DateTimeOffset(ca.NotAfter);
        using var silo = request.Create(ca, now.AddDays(-1), notAfter, RandomNumberGenerator.GetBytes(16));
        WriteSecret(files.KeyFile, key.ExportPkcs8PrivateKeyPem());
        WritePublic(files.CertificateFile, silo.ExportCertificatePem());
    }

    /// <summary>Created 0600 before any byte is written, so the key is never readable by others.</summary>
    private static void WriteSecret(string path, string pem)
    {
        File.Delete(path);
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        using var writer = new StreamWriter(stream);
        writer.Write(pem);
    }

    private static void WritePublic(string path, string pem)
    {
        File.WriteAllText(path, pem);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }
}
