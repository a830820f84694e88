using Grid.DevCluster;

namespace Grid.Cluster.Tests.Harness;

/// <summary>A member force's client certificate as the local-cluster tool makes it (O=grid-force, CN=F, clientAuth),
/// issued by a <see cref="TestCertificates"/> authority; PEM files, the key 0600.</summary>
public static class ClientCertificates
{
    /// <summary>Issues one for <paramref name="force"/> into <paramref name="folder"/>; returns the certificate file (the key is
    /// beside it, <c>.key</c>).</summary>
    public static string Issue(LocalCertificates authority, string force, string folder) => authority.IssueClient(force, folder);
}
