using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Storage;

/// <summary>Journals in one <see cref="InMemoryShardStorage"/> (tests; see <c>AddInMemoryShardJournals</c>).</summary>
public sealed class InMemoryShardJournalFactory(InMemoryShardStorage storage, IOptions<GridStorageOptions> options, ILogger<InMemoryShardJournal> logger)
    : IShardJournalFactory
{
    public IShardJournal Create(string shard) => new InMemoryShardJournal(storage, shard, options.Value, logger);
}
