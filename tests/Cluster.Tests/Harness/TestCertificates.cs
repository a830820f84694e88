using Grid.DevCluster;

namespace Grid.Cluster.Tests.Harness;

/// <summary>
/// A certificate authority and a silo certificate issued by it, as PEM files in a folder — what <c>./grid.sh up</c>
/// makes, by the same code (<see cref="LocalCertificates"/>). <see cref="Create"/> with another folder makes a second,
/// unrelated authority (for "certificate from another CA" tests).
/// </summary>
public static class TestCertificates
{
    public static LocalCertificates Create(string folder, string name = "test") => LocalCertificates.Ensure(folder, name);
}
