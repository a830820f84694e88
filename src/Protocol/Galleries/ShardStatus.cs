namespace Grid.Protocol.Galleries;

/// <summary>One shard: its key, counts, memory and the silo hosting it; <see cref="Note"/> says why counts are missing.</summary>
public sealed record ShardStatus(string Key, long Templates, long Subjects, long MemoryBytes, string Silo, string? Note);
