namespace Grid.Grains.Storage;

/// <summary>One entry of a shard's append log: templates added, a subject removed, or the engine changed.</summary>
public abstract record ShardLogRecord
{
    private ShardLogRecord() { }

    /// <summary>Row i: template id, vector hash and subject; <see cref="Vectors"/> is row-major.</summary>
    public sealed record Enrolled(long[] Ids, ulong[] Hashes, string[] SubjectRefs, float[] Vectors) : ShardLogRecord;

    public sealed record Removed(string SubjectRef) : ShardLogRecord;

    /// <summary>From here on the shard's index is of <see cref="Engine"/>, rebuilt from the rows it held (a
    /// re-index). Normally followed at once by a checkpoint; a replay that meets it rebuilds the index itself.</summary>
    public sealed record EngineChanged(string Engine) : ShardLogRecord;
}
