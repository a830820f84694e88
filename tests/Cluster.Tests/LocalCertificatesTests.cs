using System.Security.Cryptography.X509Certificates;
using Grid.DevCluster;
using Xunit;

namespace Grid.Cluster.Tests;

/// <summary>The local CA and silo certificate <c>./grid.sh up</c> and the tests make (Grid.DevCluster, in C# since the
/// openssl steps left grid.sh): made once, owner-only keys, a silo certificate that chains to the CA alone.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // Unix file modes: the keys are 0600
public sealed class LocalCertificatesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Directory.CreateTempSubdirectory("grid-certs-").FullName, "keys");

    [Fact]
    public void Made_once_with_owner_only_keys_and_a_silo_certificate_that_chains_only_to_the_local_ca()
    {
        var files = LocalCertificates.Ensure(_folder);
        var first = File.ReadAllText(files.CertificateFile);

        Assert.Equal(first, File.ReadAllText(LocalCertificates.Ensure(_folder).CertificateFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_folder));
        foreach (var key in new[] { files.KeyFile, files.AuthorityKeyFile })
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        using var silo = X509Certificate2.CreateFromPemFile(files.CertificateFile, files.KeyFile);
        using var ca = X509CertificateLoader.LoadCertificateFromFile(files.AuthorityFile);
        Assert.True(Chains(silo, ca));
        Assert.Contains(silo.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>(),
            o => o.Value == "1.3.6.1.5.5.7.3.2"); // clientAuth: silos authenticate each other with it

        using var other = X509CertificateLoader.LoadCertificateFromFile(LocalCertificates.Ensure(_folder + "-other", "other").AuthorityFile);
        Assert.False(Chains(silo, other));
    }

    [Fact]
    public void A_lost_ca_key_makes_a_new_ca_and_a_new_silo_certificate()
    {
        var files = LocalCertificates.Ensure(_folder);
        var before = File.ReadAllText(files.CertificateFile);
        File.Delete(files.AuthorityKeyFile);

        LocalCertificates.Ensure(_folder);

        Assert.NotEqual(before, File.ReadAllText(files.CertificateFile));
        using var silo = X509CertificateLoader.LoadCertificateFromFile(files.CertificateFile);
        using var ca = X509CertificateLoader.LoadCertificateFromFile(files.AuthorityFile);
        Assert.True(Chains(silo, ca));
    }

    [Fact]
    public void The_portal_certificate_serves_only_and_a_new_ca_replaces_it()
    {
        var files = LocalCertificates.Ensure(_folder);
        using var portal = X509Certificate2.CreateFromPemFile(files.PortalCertificateFile, files.PortalKeyFile);
        using var ca = X509CertificateLoader.LoadCertificateFromFile(files.AuthorityFile);
        Assert.True(Chains(portal, ca));
        Assert.Equal("CN=grid-portal", portal.Subject);
        Assert.Equal(["1.3.6.1.5.5.7.3.1"], portal.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value));
        Assert.False(portal.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        var names = portal.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["localhost", "grid-portal"], names.EnumerateDnsNames());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(files.PortalKeyFile));

        var before = File.ReadAllText(files.PortalCertificateFile);
        File.Delete(files.AuthorityKeyFile);
        LocalCertificates.Ensure(_folder);
        Assert.NotEqual(before, File.ReadAllText(files.PortalCertificateFile));
        using var renewed = X509CertificateLoader.LoadCertificateFromFile(files.PortalCertificateFile);
        using var newCa = X509CertificateLoader.LoadCertificateFromFile(files.AuthorityFile);
        Assert.True(Chains(renewed, newCa));
    }

    /// <summary>The properties the openssl-made certificates had, checked by openssl itself: each verifies under ca.crt
    /// for its purpose only, the CA is a CA, a force's client certificate names the force.</summary>
    [SkippableFact]
    public void Openssl_verifies_every_certificate_for_its_purpose()
    {
        Skip.IfNot(File.Exists("/usr/bin/openssl"), "openssl is not installed (./grid.sh setup installs it); the C# chain checks above still run");
        var files = LocalCertificates.Ensure(_folder);
        var client = files.IssueClient("DE-BKA");
        var ca = files.AuthorityFile;

        Assert.Contains("OK", Openssl("verify", "-CAfile", ca, "-purpose", "sslserver", files.CertificateFile, files.PortalCertificateFile));
        Assert.Contains("OK", Openssl("verify", "-CAfile", ca, "-purpose", "sslclient", files.CertificateFile, client));
        Assert.Throws<InvalidOperationException>(() => Openssl("verify", "-CAfile", ca, "-purpose", "sslclient", files.PortalCertificateFile));
        Assert.Throws<InvalidOperationException>(() => Openssl("verify", "-CAfile", ca, "-purpose", "sslserver", client));
        Assert.Contains("CA:TRUE", Openssl("x509", "-in", ca, "-noout", "-ext", "basicConstraints"));
        Assert.Contains("subject=O=grid-force, CN=DE-BKA", Openssl("x509", "-in", client, "-noout", "-subject", "-nameopt", "sep_comma_plus_space"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.ChangeExtension(client, ".key")));
        Assert.Throws<ArgumentException>(() => files.IssueClient("../NL"));
    }

    private static string Openssl(params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("/usr/bin/openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException(output);
    }

    private static bool Chains(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true); // keys and keys-other
}
