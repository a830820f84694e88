using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Grid.Cluster.Tests.Harness;

/// <summary>
/// A certificate authority and a silo certificate issued by it, as PEM files in a folder — what <c>./grid.sh up</c> makes
/// with openssl, made here in-process so tests need no openssl. <see cref="Create"/> with another folder makes a second,
/// unrelated authority (for "certificate from another CA" tests).
/// </summary>
public sealed record TestCertificates(string AuthorityFile, string CertificateFile, string KeyFile)
{
    public static TestCertificates Create(string folder, string name = "test")
    {
        Directory.CreateDirectory(folder);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN=Identity Search Grid {name} CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));

        using var siloKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=grid-silo", siloKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName("grid-silo");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var silo = request.Create(ca, now.AddDays(-1), now.AddYears(2), RandomNumberGenerator.GetBytes(16));

        var files = new TestCertificates(Path.Combine(folder, "ca.crt"), Path.Combine(folder, "silo.crt"), Path.Combine(folder, "silo.key"));
        File.WriteAllText(files.AuthorityFile, ca.ExportCertificatePem());
        File.WriteAllText(files.CertificateFile, silo.ExportCertificatePem());
        File.WriteAllText(files.KeyFile, siloKey.ExportPkcs8PrivateKeyPem());
        // The CA's key too, as grid.sh keeps keys/ca.key, so tests can issue client certificates (ClientCertificates).
        File.WriteAllText(Path.ChangeExtension(files.AuthorityFile, ".key"), caKey.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(files.KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return files;
    }
}
