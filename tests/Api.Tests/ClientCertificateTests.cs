using Grid.Client;
using Grid.Cluster.Tests.Harness;
using Grid.Protocol.Errors;
using Grid.Protocol.Identity;

namespace Grid.Api.Tests;

/// <summary>Optional client certificates per force (issue 8 item 4): a force's certificate from the grid's CA binds the
/// connection to that force; another force's key over it is refused; a force configured to require one
/// (<see cref="ApiGrid.CertificateForce"/>) is refused without it; a certificate from another CA fails the handshake.</summary>
[Collection(ApiCollection.Name)]
public sealed class ClientCertificateTests(ApiGrid grid)
{
    [SkippableFact]
    public async Task A_force_certificate_must_match_the_key_and_is_required_where_the_force_asks_for_it()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var folder = Path.Combine(grid.Cluster.Folder, "client-certs");
        var nlCertificate = ClientCertificates.Issue(grid.Cluster.Certificates, "NL", folder);
        var deCertificate = ClientCertificates.Issue(grid.Cluster.Certificates, "DE", folder);
        var beCertificate = ClientCertificates.Issue(grid.Cluster.Certificates, ApiGrid.CertificateForce, folder);

        // Optional: NL signs in with or without its own certificate.
        await using (var plain = await grid.ConnectAsync(grid.UserKey("NL")))
            Assert.Equal("NL", (await plain.WhoAmIAsync()).Force);
        await using (var withOwn = await grid.ConnectAsync(grid.UserKey("NL"), clientCertificate: nlCertificate))
            Assert.Equal("NL", (await withOwn.WhoAmIAsync()).Force);

        // A key of NL over DE's certificate (a stolen key used from DE's site, or the reverse) is refused; so is the operator's.
        await using (var crossed = await grid.ConnectAsync(grid.UserKey("NL"), clientCertificate: deCertificate))
        {
            var refused = await Assert.ThrowsAsync<GridException>(() => crossed.WhoAmIAsync());
            Assert.Equal(ProblemCodes.Unauthenticated, refused.Code);
            Assert.Contains("force DE's", refused.Message);
        }
        await using (var operatorWithCertificate = await grid.ConnectAsync(grid.OperatorKey, clientCertificate: nlCertificate))
            Assert.Equal(ProblemCodes.Unauthenticated, (await Assert.ThrowsAsync<GridException>(() => operatorWithCertificate.WhoAmIAsync())).Code);

        // BE requires its certificate: its key alone is refused, with it accepted.
        var admin = await grid.Operator.CreateForceAsync(ApiGrid.CertificateForce, "Police fédérale", "be-admin");
        await using (var keyOnly = await grid.ConnectAsync(admin.Key))
        {
            var refused = await Assert.ThrowsAsync<GridException>(() => keyOnly.WhoAmIAsync());
            Assert.Equal(ProblemCodes.Unauthenticated, refused.Code);
            Assert.Contains("client certificate", refused.Message);
        }
        await using (var both = await grid.ConnectAsync(admin.Key, clientCertificate: beCertificate))
            Assert.Equal(ApiGrid.CertificateForce, (await both.WhoAmIAsync()).Force);

        // A certificate from another CA does not get through the TLS handshake at all.
        var stranger = TestCertificates.Create(Path.Combine(folder, "other-ca"), "other");
        var foreign = ClientCertificates.Issue(stranger, "NL", Path.Combine(folder, "other"));
        await Assert.ThrowsAsync<GridUnavailableException>(() => GridClient.ConnectAsync(new GridClientOptions
        {
            Endpoint = grid.Endpoint,
            CaCertificateFile = grid.Cluster.Certificates.AuthorityFile,
            ClientCertificateFile = foreign,
            ConnectTimeout = TimeSpan.FromSeconds(3),
            ApiKey = grid.UserKey("NL"),
        }));
    }
}
