using Grid.Client;
using Grid.Cluster.Tests.Harness;
using Grid.Protocol.Identity;
using Xunit;

namespace Grid.Cluster.Tests;

/// <summary>
/// Azurite plus three real silos: 0 = the shared pool, 1 = force NL, 2 = force DE. Every client goes through silo 0's
/// HTTPS API, trusting only the cluster's CA (silos open no gateway). <see cref="Client"/> is the operator's;
/// <see cref="ClientFor"/> is a user of a force (NL, DE, FR) with every role a test needs.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int Shared = 0, Nl = 1, De = 2;

    public LocalCluster Cluster { get; } = new();

    public GridClient Client { get; private set; } = null!;

    private readonly Dictionary<string, GridClient> _forceClients = new(StringComparer.Ordinal);

    public GridClient ClientFor(string force) => _forceClients[force];

    public string? SkipReason { get; } = LocalCluster.MissingPrerequisite();

    public async Task InitializeAsync()
    {
        if (SkipReason is not null) return;
        await Cluster.StartAzuriteAsync();
        await Cluster.StartSiloAsync(Shared);
        await Task.WhenAll(Cluster.StartSiloAsync(Nl, "NL"), Cluster.StartSiloAsync(De, "DE"));
        for (var i = 0; i < 600 && !File.Exists(Cluster.OperatorKeyFile); i++) await Task.Delay(100);
        Client = await ConnectAsync(ApiKeys.FromFile(Cluster.OperatorKeyFile));
        await WaitForActiveSilosAsync(3, TimeSpan.FromSeconds(60));
        foreach (var force in new[] { "NL", "DE", "FR" })
        {
            var admin = await Client.CreateForceAsync(force, force, "admin");
            await using var asAdmin = await ConnectAsync(admin.Key);
            var user = await asAdmin.AddUserAsync(force, "tester",
                Role.Searcher | Role.Enroller | Role.AgreementAdmin | Role.ForceAdmin);
            _forceClients[force] = await ConnectAsync(user.Key);
        }
    }

    /// <summary>The one place the tests make a client.</summary>
    public Task<GridClient> ConnectAsync(string apiKey) =>
        GridClient.ConnectAsync(new GridClientOptions
        {
            Endpoint = Cluster.ApiEndpoint(Shared),
            CaCertificateFile = Cluster.Certificates.AuthorityFile,
            ConnectTimeout = TimeSpan.FromSeconds(60),
            ApiKey = apiKey,
        });

    public async Task WaitForActiveSilosAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await Client.GetStatusAsync();
            var active = status.Silos.Count(s => s.Status == "Active");
            if (active == count) break;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{active} active silos after {timeout.TotalSeconds:0} s, expected {count}.");
            await Task.Delay(250);
        }
        // A joined silo hosts grain types only once the others have its grain manifest, and its force label
        // (silo metadata) follows membership by a moment: give both a few seconds.
        await Task.Delay(TimeSpan.FromSeconds(5));
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _forceClients.Values) await client.DisposeAsync();
        if (Client is not null) await Client.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
