namespace Grid.Protocol.Galleries;

/// <summary>One shard: its key, counts, memory and the silo hosting it; <see cref="Note"/> says why counts are missing;
/// <see cref="Engine"/> is the engine it serves with now (null when it cannot answer); <see cref="Reindex"/> its
/// running or last re-index.</summary>
public sealed record ShardStatus(string Key, long Templates, long Subjects, long MemoryBytes, string Silo, string? Note,
    string? Engine = null, ShardReindexStatus? Reindex = null);
