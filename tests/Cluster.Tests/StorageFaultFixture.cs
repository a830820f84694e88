using Grid.Client;
using Grid.Cluster.Tests.Harness;
using Grid.Protocol.Identity;
using Xunit;

namespace Grid.Cluster.Tests;

/// <summary>
/// A cluster of its own for the storage fault tests: Azurite, a <see cref="DelayingProxy"/> in front of its blob port,
/// and one silo (shared pool, API) that reaches blobs only through the proxy (tables direct). One silo is enough: the
/// faults are storage's, and every grain a search touches is on it. <see cref="Client"/> is a user of force FR with the
/// searcher, enroller and auditor roles.
/// </summary>
public sealed class StorageFaultFixture : IAsyncLifetime
{
    public LocalCluster Cluster { get; } = new();

    public DelayingProxy Proxy { get; private set; } = null!;

    public GridClient Client { get; private set; } = null!;

    private GridClient? _operator;

    public string? SkipReason { get; } = LocalCluster.MissingPrerequisite();

    public async Task InitializeAsync()
    {
        if (SkipReason is not null) return;
        await Cluster.StartAzuriteAsync();
        Proxy = new DelayingProxy(Cluster.BlobPort);
        Cluster.UseBlobPort(Proxy.Port);
        await Cluster.StartSiloAsync(0);
        for (var i = 0; i < 600 && !File.Exists(Cluster.OperatorKeyFile); i++) await Task.Delay(100);
        _operator = await ConnectAsync(ApiKeys.FromFile(Cluster.OperatorKeyFile));
        var admin = await _operator.CreateForceAsync("FR", "FR", "admin");
        await using var asAdmin = await ConnectAsync(admin.Key);
        var user = await asAdmin.AddUserAsync("FR", "tester", Role.Searcher | Role.Enroller | Role.Auditor | Role.ForceAdmin);
        Client = await ConnectAsync(user.Key);
    }

    private Task<GridClient> ConnectAsync(string apiKey) =>
        GridClient.ConnectAsync(new GridClientOptions
        {
            Endpoint = Cluster.ApiEndpoint(0),
            CaCertificateFile = Cluster.Certificates.AuthorityFile,
            ConnectTimeout = TimeSpan.FromSeconds(60),
            ApiKey = apiKey,
        });

    public async Task DisposeAsync()
    {
        if (Client is not null) await Client.DisposeAsync();
        if (_operator is not null) await _operator.DisposeAsync();
        await Cluster.DisposeAsync();
        if (Proxy is not null) await Proxy.DisposeAsync();
    }
}
