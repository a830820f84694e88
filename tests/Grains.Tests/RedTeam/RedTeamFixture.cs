using System.Collections.Concurrent;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Search;
using Grid.Contracts.Sharing;
using Grid.Grains.Audit;
using Grid.Grains.Identity;
using Grid.Grains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Xunit;

namespace Grid.Grains.Tests.RedTeam;

/// <summary>
/// A real silo on a real Azurite, configured as <c>src/Silo</c> does (Azure Blob grain storage, the grid's security),
/// with small audit segments so retention and segment attacks need few entries. DE-BKA runs "its own silo": this silo
/// holds DE-BKA's own ticket secret, so DE's tickets are signed with DE's key, not the cluster's. A recording filter
/// keeps the internal tickets it sees, as an attacker on the silo network would. <see cref="RestartAsync"/> stops the
/// grid, lets a test rewrite storage, and starts it again on the same storage and secrets.
/// Forces: NL-KLPD and DE-BKA (agreement DE-BKA->NL-KLPD active for <see cref="Purpose"/>), FR-PN (no agreements).
/// </summary>
public sealed class RedTeamFixture : IAsyncLifetime
{
    public const int SegmentRecords = 5;
    public const string Model = "red-team-model";
    public static readonly ForceId Nl = ForceId.Parse("NL-KLPD"), De = ForceId.Parse("DE-BKA"), Fr = ForceId.Parse("FR-PN");
    public static readonly GalleryId DeSuspects = new(De.Value, "suspects"), FrSuspects = new(Fr.Value, "suspects"), NlCases = new(Nl.Value, "cases");

    public static readonly SearchPurpose Purpose = new("murder", "RT-0001", SubjectCategory.Suspect, "Red-team exercise of the search path");

    private readonly string _secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _deSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);

    public AzuriteFixture Azurite { get; } = new();

    public BlobServiceClient Blobs { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public IServiceProvider SiloServices => Cluster.GetSiloServiceProvider(Cluster.GetActiveSilos().First().SiloAddress);

    /// <summary>The silo's own grain factory: calls through it are internal, as silo code's are.</summary>
    public IGrainFactory Silo => SiloServices.GetRequiredService<IGrainFactory>();

    /// <summary>Internal tickets seen on incoming calls: (method, ticket, principal, arguments).</summary>
    public static ConcurrentQueue<(string Method, string Ticket, Principal? Principal, object?[] Arguments)> Seen { get; } = new();

    public string OperatorKey { get; private set; } = "";

    /// <summary>Key of user "tester" of <paramref name="force"/>: searcher, enroller, agreement-admin, auditor, force-admin.</summary>
    public string KeyOf(ForceId force) => _keys[force.Value];

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        Blobs = new BlobServiceClient(Azurite.ConnectionString);
        await StartAsync();
        RequestContext.Clear();
        OperatorKey = (await Silo.GetGrain<IOperatorGrain>(IOperatorGrain.Key).BootstrapAsync("ops"))!.Key;
        foreach (var force in new[] { Nl, De, Fr })
        {
            As(OperatorKey);
            var admin = await Client.GetGrain<IOperatorGrain>(IOperatorGrain.Key).CreateForceAsync(force, force.Value, "admin");
            As(admin.Key);
            _keys[force.Value] = (await Client.GetGrain<IForceGrain>(force.Value).AddUserAsync("tester",
                Role.Searcher | Role.Enroller | Role.AgreementAdmin | Role.Auditor | Role.ForceAdmin)).Key;
        }

        foreach (var gallery in new[] { DeSuspects, FrSuspects, NlCases })
        {
            As(KeyOf(ForceId.Parse(gallery.Force)));
            await Client.GetGrain<IGalleryGrain>(gallery.Key).CreateAsync(new GalleryConfig(GalleryConfig.DefaultEngine, 2, Model, SubjectCategory.Suspect));
            await Client.GetGrain<IGalleryGrain>(gallery.Key).EnrolAsync(new EnrolBatch(
                [.. Enumerable.Range(0, 8).Select(i => $"{gallery.Force.Value.ToLowerInvariant()}-{i}")], Vectors.Unit(8, seed: gallery.Force.Value.Length), Model));
        }

        var now = DateTimeOffset.UtcNow;
        As(KeyOf(De));
        var proposed = await Agreement(De, Nl).ProposeAsync(new AgreementTerms([DeSuspects], ["murder"], 10, -1f, 1000, now.AddDays(-1), now.AddYears(1)));
        As(KeyOf(Nl));
        await Agreement(De, Nl).AcceptAsync(proposed.Version);
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Cluster.DisposeAsync();
        }
        finally
        {
            await Azurite.DisposeAsync();
        }
    }

    public ISharingAgreementGrain Agreement(ForceId owner, ForceId requester) =>
        Client.GetGrain<ISharingAgreementGrain>(new AgreementKey(owner, requester).ToString());

    /// <summary>The client calls that follow in this async flow carry <paramref name="key"/>.</summary>
    public static void As(string key)
    {
        RequestContext.Clear();
        GridRequestContext.SetApiKey(key);
    }

    /// <summary>Acts as silo code working for <paramref name="principal"/>.</summary>
    public static void Internally(Principal? principal)
    {
        RequestContext.Clear();
        if (principal is not null) RequestContext.Set(GridRequestContext.PrincipalKey, principal);
    }

    public Task<SearchResponse> SearchAsync(ForceId asForce, GalleryId[] galleries, string model = Model, int seed = 1)
    {
        As(KeyOf(asForce));
        return Client.GetGrain<ISearchCoordinatorGrain>(0).SearchAsync(
            new SearchRequest(galleries, Vectors.Unit(1, seed), model, 5, -1f, SearchRequest.DefaultDeadline, Purpose));
    }

    /// <summary>Stops the grid (gracefully: a crash is not the attack here), runs <paramref name="whileStopped"/> — the
    /// insider at work on storage — and starts a new grid on the same storage and secrets: every grain reactivates.</summary>
    public async Task RestartAsync(Func<Task>? whileStopped = null)
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        if (whileStopped is not null) await whileStopped();
        await StartAsync();
    }

    private async Task StartAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = "grid-red-team";
        builder.Options.ClusterId = $"red-team-{Guid.NewGuid():N}";
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(Blobs);
            silo.Services.AddGridGrains();
            silo.Services.Configure<AuditOptions>(o => o.SegmentRecords = SegmentRecords);
            silo.AddAzureBlobGrainStorage(GridStorage.GrainStateStore, o => o.BlobServiceClient = Blobs);
            silo.AddGridSecurity(o =>
            {
                o.ClusterSecret = _secret;
                o.Forces[De.Value] = new ForceKeyOptions { Secret = _deSecret };
            });
            silo.AddIncomingGrainCallFilter(context =>
            {
                if (GridRequestContext.InternalTicket is { } ticket)
                {
                    var request = context.Request;
                    Seen.Enqueue((context.MethodName, ticket, GridRequestContext.Principal,
                        [.. Enumerable.Range(0, request.GetArgumentCount()).Select(request.GetArgument)]));
                }

                return context.Invoke();
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }
}
