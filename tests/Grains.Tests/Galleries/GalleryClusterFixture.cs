using System.Security.Cryptography;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Search;
using Grid.Contracts.Sharing;
using Grid.Grains.Identity;
using Grid.Grains.Storage;
using Grid.Grains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Xunit;

namespace Grid.Grains.Tests.Galleries;

/// <summary>
/// One in-process silo on a real Azurite: Azure Blob grain storage "grid", the shard blob store and the
/// grid's grains, configured as <c>src/Silo</c> does. <see cref="RestartAsync"/> replaces the cluster with a
/// new one on the same storage, so durability is tested the way a crashed or redeployed silo meets it.
/// Test bodies call grains only through the helpers below, which act as a user of the gallery's own force
/// (keys made at the first start: the operator bootstraps, creates the forces, each admin adds a user with
/// every role a gallery needs) and state a valid purpose on every search.
/// Shards keep their journals in blob storage here; <see cref="InMemoryJournalGalleryClusterFixture"/> runs the
/// same cluster with the in-memory journal. Tests reach shard storage only through the virtual helpers at the end.
/// </summary>
public class GalleryClusterFixture : IAsyncLifetime
{
    /// <summary>Small, so a few hundred 512-d templates make a shard write snapshots.</summary>
    public const long SnapshotAfterLogBytes = 256 * 1024;

    /// <summary>Small, so a large enrolment is many appends (it keeps a shard busy for the timeout test).</summary>
    public const int MaxLogFrameBytes = 64 * 1024;

    public const string ShardContainer = "grid-shards";
    public const string DefaultModel = "test-model-1";
    public static readonly string[] Forces = ["NL-KLPD", "DE-BKA", "FR-PN"];

    public static readonly SearchPurpose Purpose = new(
        "organised-armed-robbery", "TEST-0001", SubjectCategory.Suspect, "Exercising the search path in tests");

    private readonly string _secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly Dictionary<string, string> _userKeys = new(StringComparer.Ordinal);

    public string OperatorKey { get; private set; } = "";

    /// <summary>The key of a user of <paramref name="force"/> with searcher, enroller, agreement-admin, auditor and force-admin roles.</summary>
    public string KeyOf(string force) => _userKeys[force];

    public AzuriteFixture Azurite { get; } = new();

    public BlobServiceClient Blobs { get; private set; } = null!;

    public BlobContainerClient Shards => Blobs.GetBlobContainerClient(ShardContainer);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>How many clusters this fixture has started (1 + restarts).</summary>
    public int Generation { get; private set; }

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        Blobs = new BlobServiceClient(Azurite.ConnectionString);
        await StartAsync();
        await CreateForcesAsync();
    }

    private async Task CreateForcesAsync()
    {
        RequestContext.Clear();
        var silo = Cluster.GetSiloServiceProvider(Cluster.GetActiveSilos().First().SiloAddress).GetRequiredService<IGrainFactory>();
        OperatorKey = (await silo.GetGrain<IOperatorGrain>(IOperatorGrain.Key).BootstrapAsync("ops"))!.Key;
        foreach (var force in Forces)
        {
            As(OperatorKey);
            var admin = await Client.GetGrain<IOperatorGrain>(IOperatorGrain.Key).CreateForceAsync(ForceId.Parse(force), force, "admin");
            As(admin.Key);
            var user = await Client.GetGrain<IForceGrain>(force).AddUserAsync("tester",
                Role.Searcher | Role.Enroller | Role.AgreementAdmin | Role.Auditor | Role.ForceAdmin);
            _userKeys[force] = user.Key;
        }
    }

    /// <summary>The client calls that follow in this async flow carry <paramref name="key"/>.</summary>
    public static void As(string key)
    {
        RequestContext.Clear();
        GridRequestContext.SetApiKey(key);
    }

    private IClusterClient ActingFor(string force)
    {
        As(KeyOf(force));
        return Client;
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

    /// <summary>
    /// Stops every silo and starts a new cluster on the same storage. Not graceful by default: silos are
    /// killed, so no shard gets to write its deactivation snapshot and activation must work from what the
    /// acknowledged writes left in storage.
    /// </summary>
    /// <param name="graceful">Stop silos gracefully (shards snapshot on deactivation) instead of killing them.</param>
    /// <param name="whileStopped">Runs after the old silos are gone and before the new ones start, e.g. to damage storage.</param>
    public async Task RestartAsync(bool graceful = false, Func<Task>? whileStopped = null)
    {
        if (graceful)
        {
            await Cluster.StopAllSilosAsync();
        }
        else
        {
            // An in-process "kill" still lets grains run their deactivation in the background; a dead
            // process would not. Cutting the old silos off from storage first makes it a crash.
            _storageFence.Trip();
            OnCrash();
            foreach (var silo in Cluster.Silos.ToArray()) await Cluster.KillSiloAsync(silo);
        }
        await Cluster.DisposeAsync();
        if (whileStopped is not null) await whileStopped();
        await StartAsync();
    }

    private StorageFence _storageFence = new();

    /// <summary>The old silos are being killed: cut them off from shard storage too.</summary>
    protected virtual void OnCrash()
    {
    }

    /// <summary>Where the new cluster's shards keep their journals (blob storage unless overridden).</summary>
    protected virtual void ConfigureShardJournals(IServiceCollection services)
    {
    }

    private async Task StartAsync()
    {
        _storageFence = new StorageFence();
        var options = new BlobClientOptions();
        options.AddPolicy(_storageFence, HttpPipelinePosition.PerCall);
        var blobs = new BlobServiceClient(Azurite.ConnectionString, options); // this cluster's own client
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = "grid-gallery-tests";
        builder.Options.ClusterId = $"gallery-tests-{++Generation}";
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(blobs);
            silo.Services.AddGridGrains(o =>
            {
                o.ShardContainer = ShardContainer;
                o.SnapshotAfterLogBytes = SnapshotAfterLogBytes;
                o.MaxLogFrameBytes = MaxLogFrameBytes;
                o.SnapshotInterval = TimeSpan.FromHours(1); // only size-driven snapshots in tests
            });
            ConfigureShardJournals(silo.Services);
            silo.AddAzureBlobGrainStorage(GridStorage.GrainStateStore, o => o.BlobServiceClient = blobs);
            silo.AddGridSecurity(o => o.ClusterSecret = _secret);
            silo.AddActivityPropagation(); // as src/Silo: traces follow grain calls (SearchTracingTests)
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    // ---- grain calls: the only place tests reach the grid -------------------------------------------

    /// <summary>The engine is <c>exact</c> unless a test asks otherwise: these tests compare scores with a float64
    /// oracle to 1e-5, which only the exact engine meets (exact-int8 re-ranks in float16); ReindexTests covers the
    /// grid's default engine.</summary>
    public static GalleryConfig Config(int shards = 4, string engine = "exact", string model = DefaultModel) =>
        new(engine, shards, model, SubjectCategory.Suspect);

    /// <summary>The gallery grain, called as a user of the gallery's own force.</summary>
    public IGalleryGrain Gallery(GalleryId id) => ActingFor(id.Force).GetGrain<IGalleryGrain>(id.Key);

    public Task<GalleryInfo> CreateAsync(GalleryId id, GalleryConfig config) => Gallery(id).CreateAsync(config);

    public Task<GalleryInfo?> GetAsync(GalleryId id) => Gallery(id).GetAsync();

    public Task<EnrolResult> EnrolAsync(GalleryId id, string[] subjectRefs, float[] vectors, string model = DefaultModel) =>
        Gallery(id).EnrolAsync(new EnrolBatch(subjectRefs, vectors, model));

    /// <summary>Enrols in batches of <paramref name="batch"/> rows (keeps messages small).</summary>
    public async Task<EnrolResult> EnrolAllAsync(GalleryId id, string[] subjectRefs, float[] vectors, int batch = 500)
    {
        var total = EnrolResult.None;
        for (var start = 0; start < subjectRefs.Length; start += batch)
        {
            var n = Math.Min(batch, subjectRefs.Length - start);
            total = total.Plus(await EnrolAsync(id, subjectRefs[start..(start + n)],
                vectors.AsSpan(start * Vectors.Dimension, n * Vectors.Dimension).ToArray()));
        }
        return total;
    }

    public Task<int> RemoveAsync(GalleryId id, string subjectRef) => Gallery(id).RemoveAsync(subjectRef);

    public Task<GalleryStatus> StatusAsync(GalleryId id) => Gallery(id).GetStatusAsync();

    public async Task<(long Templates, long Subjects)> CountsAsync(GalleryId id)
    {
        var status = await StatusAsync(id);
        return (status.Templates, status.Subjects);
    }

    /// <summary>Searches as a user of the first gallery's force (or <paramref name="asForce"/>), with <see cref="Purpose"/>.</summary>
    public Task<SearchResponse> SearchAsync(
        GalleryId[] galleries, float[] probe, int k, float minScore = -1f, TimeSpan? deadline = null, string model = DefaultModel,
        string? asForce = null, SearchPurpose? purpose = null) =>
        ActingFor(asForce ?? galleries.FirstOrDefault()?.Force ?? Forces[0]).GetGrain<ISearchCoordinatorGrain>(0).SearchAsync(
            new SearchRequest(galleries, probe, model, k, minScore, deadline ?? SearchRequest.DefaultDeadline, purpose ?? Purpose));

    /// <summary>An agreement grain, called as the user of <paramref name="actingForce"/>.</summary>
    public ISharingAgreementGrain Agreement(string owner, string requester, string actingForce) =>
        ActingFor(actingForce).GetGrain<ISharingAgreementGrain>($"{owner}->{requester}");

    public Task<SearchResponse> SearchAsync(GalleryId gallery, float[] probe, int k, float minScore = -1f) =>
        SearchAsync([gallery], probe, k, minScore);

    // ---- storage, as an operator or a fault would see it --------------------------------------------

    /// <summary>Blob names under one shard's folder, e.g. <c>manifest.json</c>, <c>log-00000001.bin</c>.</summary>
    public virtual async Task<string[]> ShardBlobsAsync(GalleryId id, int shard)
    {
        var prefix = ShardKeys.For(id, shard) + "/";
        var names = new List<string>();
        await foreach (var blob in Shards.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, CancellationToken.None))
            names.Add(blob.Name[prefix.Length..]);
        return names.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Appends raw bytes to one of a shard's logs, as damage or a stray writer would.</summary>
    public virtual async Task AppendToShardBlobAsync(GalleryId id, int shard, string name, byte[] bytes)
    {
        using var content = new MemoryStream(bytes);
        await Shards.GetAppendBlobClient($"{ShardKeys.For(id, shard)}/{name}").AppendBlockAsync(content);
    }

    public virtual Task DeleteShardBlobAsync(GalleryId id, int shard, string name) => Shards.DeleteBlobAsync($"{ShardKeys.For(id, shard)}/{name}");

    public virtual async Task<long> ShardBlobLengthAsync(GalleryId id, int shard, string name) =>
        (await Shards.GetBlobClient($"{ShardKeys.For(id, shard)}/{name}").GetPropertiesAsync()).Value.ContentLength;
}
