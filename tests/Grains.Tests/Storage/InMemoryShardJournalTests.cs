using Grid.Grains.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grid.Grains.Tests.Storage;

/// <summary>The journal contract in memory: the fast run of the shard's durability rules.</summary>
public sealed class InMemoryShardJournalTests : ShardJournalContract
{
    private readonly InMemoryShardStorage _storage = new();

    protected override IShardJournal Open(string shard) => new InMemoryShardJournal(_storage, shard, Options, NullLogger.Instance);

    protected override Task CrashAsync()
    {
        _storage.Crash();
        return Task.CompletedTask;
    }

    protected override Task<string[]> NamesAsync(string shard) => Task.FromResult(_storage.Names(shard));

    protected override Task AppendGarbageAsync(string shard, string name, byte[] bytes)
    {
        _storage.AppendRaw(shard, name, bytes);
        return Task.CompletedTask;
    }

    protected override Task DeleteAsync(string shard, string name)
    {
        _storage.Delete(shard, name);
        return Task.CompletedTask;
    }
}
