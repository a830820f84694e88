namespace Grid.Grains.Storage;

/// <summary>Makes the journal of one shard activation (blob storage in a silo, memory in tests).</summary>
public interface IShardJournalFactory
{
    IShardJournal Create(string shard);
}
