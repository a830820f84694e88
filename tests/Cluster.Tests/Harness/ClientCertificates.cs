using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Grid.Cluster.Tests.Harness;

/// <summary>A member force's client certificate as <c>./grid.sh cert --force F</c> makes it (O=grid-force, CN=F,
/// clientAuth), issued by a <see cref="TestCertificates"/> authority; PEM files, the key 0600.</summary>
public static class ClientCertificates
{
    /// <summary>Issues one for <paramref name="force"/> into <paramref name="folder"/>; returns the certificate file (the key is
    /// beside it, <c>.key</c>).</summary>
    public static string Issue(TestCertificates authority, string force, string folder)
    {
        Directory.CreateDirectory(folder);
        using var ca = X509Certificate2.CreateFromPemFile(authority.AuthorityFile, Path.ChangeExtension(authority.AuthorityFile, ".key"));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"O=grid-force, CN={force}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.Create(ca, now.AddDays(-1), now.AddDays(30), RandomNumberGenerator.GetBytes(16));
        var file = Path.Combine(folder, $"client-{force}.crt");
        File.WriteAllText(file, certificate.ExportCertificatePem());
        var keyFile = Path.ChangeExtension(file, ".key");
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return file;
    }
}
