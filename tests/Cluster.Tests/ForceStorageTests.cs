using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Grid.Client;
using Grid.Cluster.Tests.Harness;
using Grid.Protocol.Galleries;
using Grid.Protocol.Identity;
using Grid.Protocol.Search;
using Xunit;

namespace Grid.Cluster.Tests;

/// <summary>
/// Per-force storage (issue 9 item 4), red-teamed on real silos and a real Azurite serving two accounts: silo 0 is the
/// shared pool (the development account only), silo 1 is force NL holding NL's own account. NL's shards and audit land in
/// NL's account; the shared account's key cannot read it; with NL's silo down its shards are never activated on the
/// shared pool (which would create NL data in the shared account). A cluster of its own, in the cluster collection so it
/// does not run beside the other cluster.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ForceStorageTests(ClusterFixture shared)
{
    private const string Account = "gridnl";
    private static readonly GalleryId Cases = GalleryId.Parse("NL/cases");

    [SkippableFact]
    public async Task A_forces_shards_and_audit_live_in_its_own_account_which_the_shared_key_cannot_read()
    {
        Skip.If(shared.SkipReason is not null, shared.SkipReason);
        await using var cluster = new LocalCluster();
        cluster.ExtraAccounts[Account] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        cluster.ForceEnvironment["NL"] = new() { ["Grid__ForceStorage__Accounts__NL"] = cluster.AccountConnectionString(Account) };
        await cluster.StartAzuriteAsync();
        await cluster.StartSiloAsync(0);
        await cluster.StartSiloAsync(1, "NL");
        for (var i = 0; i < 600 && !File.Exists(cluster.OperatorKeyFile); i++) await Task.Delay(100);
        await using var op = await ConnectAsync(cluster, ApiKeys.FromFile(cluster.OperatorKeyFile));
        await WaitForSilosAsync(op, 2);
        var admin = await op.CreateForceAsync("NL", "NL", "admin");
        await using var asAdmin = await ConnectAsync(cluster, admin.Key);
        var user = await asAdmin.AddUserAsync("NL", "tester", Role.Searcher | Role.Enroller | Role.ForceAdmin | Role.Auditor);
        await using var nl = await ConnectAsync(cluster, user.Key);

        await nl.CreateGalleryAsync(Cases, new GalleryConfig("exact", 2, GalleryConfig.UnspecifiedModel, SubjectCategory.Suspect));
        var (subjects, templates) = Synthetic.Gallery("nl-", 200, seed: 4);
        await nl.EnrolBulkAsync(Cases, subjects, templates, GalleryConfig.UnspecifiedModel);
        await nl.SnapshotAsync(Cases);
        var hit = await nl.SearchAsync(new SearchRequest([Cases], templates.Slice(7, 1), Purpose));
        Assert.Equal(subjects[7], hit.Response.Candidates[0].SubjectRef);

        // NL's shards and audit are in NL's account, none of them in the shared one.
        var own = new BlobServiceClient(cluster.AccountConnectionString(Account));
        var sharedAccount = new BlobServiceClient(cluster.Storage);
        Assert.NotEmpty(await NamesAsync(own, "grid-shards", "NL/"));
        Assert.Contains(await NamesAsync(own, "grid-shards", "NL/cases/"), n => n.Contains("snapshot-", StringComparison.Ordinal));
        Assert.NotEmpty(await NamesAsync(own, AuditContainer, "NL/"));
        Assert.Empty(await NamesAsync(sharedAccount, "grid-shards", "NL/"));
        Assert.Empty(await NamesAsync(sharedAccount, AuditContainer, "NL/"));

        // Whoever holds only the shared key (a shared-pool silo, another force's silo, an insider) is refused by NL's account.
        var sharedKeyOnNl = new BlobServiceClient(new Uri($"http://127.0.0.1:{cluster.BlobPort}/{Account}"),
            new Azure.Storage.StorageSharedKeyCredential(Account, LocalCluster.DevelopmentAccountKey));
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => NamesAsync(sharedKeyOnNl, "grid-shards", "NL/"));
        Assert.Equal(403, refused.Status);

        // NL's silo down: its shards and log are unavailable, never activated on the shared pool (which holds no NL key).
        cluster.StopSilo(1);
        await WaitForSilosAsync(op, 1);
        var during = await Record.ExceptionAsync(() => nl.SearchAsync(new SearchRequest([Cases], templates.Slice(7, 1), Purpose)));
        Assert.True(during is GridException { Code: "force-silos-unavailable" } || during is null, $"unexpected: {during}");
        Assert.Empty(await NamesAsync(sharedAccount, "grid-shards", "NL/"));
        Assert.Empty(await NamesAsync(sharedAccount, AuditContainer, "NL/"));

        // Back up, NL's data is whole again.
        await cluster.StartSiloAsync(1);
        await WaitForSilosAsync(op, 2);
        var after = await RetryAsync(() => nl.SearchAsync(new SearchRequest([Cases], templates.Slice(7, 1), Purpose)));
        Assert.Equal(subjects[7], after.Response.Candidates[0].SubjectRef);
        Assert.Equal(200, (await nl.GetGalleryStatusAsync(Cases)).Templates);
    }

    private const string AuditContainer = "grid-audit";

    private static readonly SearchPurpose Purpose = new("murder", "STORAGE-TEST", SubjectCategory.Suspect, "Per-force storage test");

    private static Task<GridClient> ConnectAsync(LocalCluster cluster, string key) => GridClient.ConnectAsync(new GridClientOptions
    {
        Endpoint = cluster.ApiEndpoint(0),
        CaCertificateFile = cluster.Certificates.AuthorityFile,
        ConnectTimeout = TimeSpan.FromSeconds(60),
        ApiKey = key,
    });

    private static async Task<List<string>> NamesAsync(BlobServiceClient account, string container, string prefix)
    {
        var names = new List<string>();
        var client = account.GetBlobContainerClient(container);
        if (!await client.ExistsAsync()) return names;
        await foreach (var blob in client.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = prefix })) names.Add(blob.Name);
        return names;
    }

    private static async Task WaitForSilosAsync(GridClient op, int count)
    {
        for (var i = 0; i < 240; i++)
        {
            if ((await op.GetStatusAsync()).Silos.Count(s => s.Status == "Active") == count) break;
            await Task.Delay(250);
        }
        await Task.Delay(TimeSpan.FromSeconds(5)); // silo metadata (the force label) follows membership by a moment
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (GridException) when (attempt < 20)
            {
                await Task.Delay(500);
            }
        }
    }
}
