using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Review;
using Grid.Contracts.Search;
using Grid.Contracts.Sharing;
using Grid.Grains.Identity;
using Grid.Grains.Review;
using Grid.Grains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Xunit;

namespace Grid.Grains.Tests.Review;

/// <summary>
/// One in-process silo with memory grain storage, shard and audit blobs on a real Azurite, and a clock the tests move
/// (48-hour follow-up clock, retention). Each test makes its own forces, so the shared clock only ever moves forward
/// under cases no other test reads.
/// </summary>
public sealed class ReviewClusterFixture : IAsyncLifetime
{
    public const string Model = "review-model-1";
    public static readonly TimeSpan CaseRetention = TimeSpan.FromDays(30);
    public static readonly TimeSpan ReleasedDataRetention = TimeSpan.FromDays(7);

    private readonly string _secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private AuditAzurite _azurite = null!;

    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public string OperatorKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _azurite = await AuditAzurite.StartAsync();
        var blobs = new BlobServiceClient(_azurite.ConnectionString);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.Services.AddSingleton(blobs);
            silo.Services.AddGridGrains();
            silo.Services.Configure<ReviewOptions>(o =>
            {
                o.CaseRetention = CaseRetention;
                o.ReleasedDataRetention = ReleasedDataRetention;
                o.MaxImageBytes = 64 * 1024;
            });
            silo.AddMemoryGrainStorage("grid").AddGridSecurity(o => o.ClusterSecret = _secret);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        RequestContext.Clear();
        var silo = Cluster.GetSiloServiceProvider(Cluster.GetActiveSilos().First().SiloAddress).GetRequiredService<IGrainFactory>();
        OperatorKey = (await silo.GetGrain<IOperatorGrain>(IOperatorGrain.Key).BootstrapAsync("ops"))!.Key;
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    /// <summary>The client calls that follow in this async flow carry <paramref name="key"/>.</summary>
    public IClusterClient As(string key)
    {
        RequestContext.Clear();
        GridRequestContext.SetApiKey(key);
        return Client;
    }

    /// <summary>A force with one user per role (two reviewers, for four-eyes) and, if named, a one-shard gallery.</summary>
    public async Task<ForceUsers> CreateForceAsync(string name, string? gallery = null)
    {
        var id = ForceId.Parse(name);
        var admin = await As(OperatorKey).GetGrain<IOperatorGrain>(IOperatorGrain.Key).CreateForceAsync(id, name, "admin");
        var force = As(admin.Key).GetGrain<IForceGrain>(name);
        var users = new ForceUsers(id, admin.Key,
            (await force.AddUserAsync("searcher", Role.Searcher)).Key,
            (await force.AddUserAsync("enroller", Role.Enroller)).Key,
            (await force.AddUserAsync("reviewer1", Role.Reviewer)).Key,
            (await force.AddUserAsync("reviewer2", Role.Reviewer)).Key,
            (await force.AddUserAsync("agreements", Role.AgreementAdmin)).Key,
            (await force.AddUserAsync("auditor", Role.Auditor)).Key);
        if (gallery is not null)
            await As(admin.Key).GetGrain<IGalleryGrain>($"{name}/{gallery}").CreateAsync(new GalleryConfig(GalleryConfig.DefaultEngine, 1, Model, SubjectCategory.Suspect));
        return users;
    }

    /// <summary>Enrols <paramref name="count"/> subjects <c>PREFIX-0000</c>... with seeded random templates; returns the templates.</summary>
    public async Task<float[]> EnrolAsync(ForceUsers owner, string gallery, string prefix, int count, int seed)
    {
        var vectors = Vectors.Unit(count, seed);
        await As(owner.Enroller).GetGrain<IGalleryGrain>($"{owner.Id}/{gallery}")
            .EnrolAsync(new EnrolBatch([.. Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D4}")], vectors, Model));
        return vectors;
    }

    /// <summary>The owner proposes, the requester accepts; valid for ten years of the test clock.</summary>
    public async Task AgreeAsync(ForceUsers owner, ForceUsers requester, string gallery, int reviewers, bool shareImages)
    {
        var key = new AgreementKey(owner.Id, requester.Id).ToString();
        var terms = new AgreementTerms([new GalleryId(owner.Id.Value, gallery)], [Purpose.Offence], 10, -1f, 1000,
            Clock.Now.AddMinutes(-1), Clock.Now.AddYears(10), reviewers, shareImages);
        var proposed = await As(owner.Agreements).GetGrain<ISharingAgreementGrain>(key).ProposeAsync(terms);
        await As(requester.Agreements).GetGrain<ISharingAgreementGrain>(key).AcceptAsync(proposed.Version);
    }

    public Task<SearchResponse> SearchAsync(ForceUsers requester, GalleryId[] galleries, float[] probe, SearchPurpose? purpose = null) =>
        As(requester.Searcher).GetGrain<ISearchCoordinatorGrain>(0).SearchAsync(
            new SearchRequest(galleries, probe, Model, 5, -1f, SearchRequest.DefaultDeadline, purpose ?? Purpose));

    public IReviewCaseGrain Case(string key, ForceUsers force, string searchId) =>
        As(key).GetGrain<IReviewCaseGrain>(ReviewKeys.Case(force.Id, searchId));

    public static readonly SearchPurpose Purpose = new("murder", "NL-2026-0815", SubjectCategory.Suspect, "Suspect filmed at the scene of a homicide.");

    public static SubjectCoreData CoreData => new(["Jan Example"], ["J. E."], new DateOnly(1990, 5, 17), "DE", "M",
        new DateOnly(2024, 2, 3), "Köln", "robbery", "KÖ-2024-1234", "Polizeipräsidium Köln");
}
