namespace Grid.Grains.Storage;

/// <summary>One entry of a shard's append log: templates added, or a subject removed.</summary>
public abstract record ShardLogRecord
{
    private ShardLogRecord() { }

    /// <summary>Row i: template id, vector hash and subject; <see cref="Vectors"/> is row-major.</summary>
    public sealed record Enrolled(long[] Ids, ulong[] Hashes, string[] SubjectRefs, float[] Vectors) : ShardLogRecord;

    public sealed record Removed(string SubjectRef) : ShardLogRecord;
}
