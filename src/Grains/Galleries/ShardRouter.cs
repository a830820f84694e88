using System.IO.Hashing;
using System.Text;

namespace Grid.Grains.Galleries;

/// <summary>Routes a subjectRef to a shard by a stable hash (XxHash64 of its UTF-8 bytes), so the same
/// subject always lands in the same shard on every silo and after every restart.</summary>
public static class ShardRouter
{
    public static int ShardOf(string subjectRef, int shardCount)
    {
        var hash = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(subjectRef));
        return (int)(hash % (ulong)shardCount);
    }
}
