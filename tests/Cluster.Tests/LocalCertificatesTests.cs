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
