using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Storage;

/// <summary>The silo's journals: every shard in <see cref="ShardBlobStore"/>.</summary>
public sealed class BlobShardJournalFactory(ShardBlobStore store, IOptions<GridStorageOptions> options, ILogger<BlobShardJournal> logger)
    : IShardJournalFactory
{
    public IShardJournal Create(string shard) => new BlobShardJournal(store, shard, options.Value, logger);
}
