using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Grid.Grains.Storage;
using Grid.Grains.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Grid.Grains.Tests.Storage;

/// <summary>The journal contract on a real Azurite. Each "process" has its own blob client behind a
/// <see cref="StorageFence"/>; a crash trips the fences of every process so far.</summary>
public sealed class BlobShardJournalTests(AzuriteFixture azurite) : ShardJournalContract, IClassFixture<AzuriteFixture>
{
    private const string Container = "journal-tests";
    private readonly List<StorageFence> _fences = [];

    private BlobContainerClient Blobs => new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(Container);

    protected override IShardJournal Open(string shard)
    {
        var fence = new StorageFence();
        _fences.Add(fence);
        var options = new BlobClientOptions();
        options.AddPolicy(fence, HttpPipelinePosition.PerCall);
        var store = new ShardBlobStore(new BlobServiceClient(azurite.ConnectionString, options),
            Microsoft.Extensions.Options.Options.Create(new GridStorageOptions { ShardContainer = Container }));
        return new BlobShardJournal(store, shard, Options, NullLogger.Instance);
    }

    protected override Task CrashAsync()
    {
        foreach (var fence in _fences) fence.Trip();
        return Task.CompletedTask;
    }

    protected override async Task<string[]> NamesAsync(string shard)
    {
        var prefix = shard + "/";
        var names = new List<string>();
        await foreach (var blob in Blobs.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, CancellationToken.None))
            names.Add(blob.Name[prefix.Length..]);
        return [.. names.Order(StringComparer.Ordinal)];
    }

    protected override async Task AppendGarbageAsync(string shard, string name, byte[] bytes)
    {
        using var content = new MemoryStream(bytes);
        await Blobs.GetAppendBlobClient($"{shard}/{name}").AppendBlockAsync(content);
    }

    protected override Task DeleteAsync(string shard, string name) => Blobs.DeleteBlobAsync($"{shard}/{name}");
}
