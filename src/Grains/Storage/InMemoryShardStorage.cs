using System.Text.Json;

namespace Grid.Grains.Storage;

/// <summary>
/// Shard blobs held in memory, for tests: the same names and bytes as blob storage (<c>{shard}/manifest.json</c>,
/// <c>snapshot-E.bin</c>, <c>log-E.bin</c>). It outlives the journals (and test clusters) that use it, and
/// models a crash: after <see cref="Crash"/>, journals opened before it can no longer write, so what survives is
/// exactly what was written — appended frames, finished snapshots, manifests — never what a process only held.
/// </summary>
public sealed class InMemoryShardStorage
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);
    private int _generation;

    /// <summary>The current process generation; journals remember the one they were opened in.</summary>
    public int Generation
    {
        get { lock (_gate) return _generation; }
    }

    /// <summary>Every process using this storage dies: journals opened so far are cut off from it.</summary>
    public void Crash()
    {
        lock (_gate) _generation++;
    }

    /// <summary>Blob names under <paramref name="shard"/>'s folder, ordinal order.</summary>
    public string[] Names(string shard)
    {
        var prefix = shard + "/";
        lock (_gate) return [.. _blobs.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]).Order(StringComparer.Ordinal)];
    }

    /// <summary>A copy of a blob's bytes, or null when it does not exist.</summary>
    public byte[]? Read(string shard, string name)
    {
        lock (_gate) return _blobs.TryGetValue(Path(shard, name), out var bytes) ? [.. bytes] : null;
    }

    /// <summary>Appends raw bytes to an existing blob without any check (what damage or another writer does).</summary>
    public void AppendRaw(string shard, string name, byte[] bytes)
    {
        lock (_gate) _blobs[Path(shard, name)] = [.. _blobs[Path(shard, name)], .. bytes];
    }

    public bool Delete(string shard, string name)
    {
        lock (_gate) return _blobs.Remove(Path(shard, name));
    }

    internal ShardManifest? ReadManifest(int generation, string shard) =>
        Read(generation, shard, "manifest.json") is { } bytes ? JsonSerializer.Deserialize<ShardManifest>(bytes) : null;

    internal void WriteManifest(int generation, string shard, ShardManifest manifest) =>
        Write(generation, shard, "manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest));

    internal byte[]? Read(int generation, string shard, string name)
    {
        lock (_gate)
        {
            Check(generation);
            return _blobs.TryGetValue(Path(shard, name), out var bytes) ? bytes : null;
        }
    }

    internal void Write(int generation, string shard, string name, byte[] bytes)
    {
        lock (_gate)
        {
            Check(generation);
            _blobs[Path(shard, name)] = bytes;
        }
    }

    /// <summary>Appends <paramref name="frame"/> if the blob is exactly <paramref name="expectedLength"/> long, as
    /// blob storage's <c>IfAppendPositionEqual</c> does; returns the new length.</summary>
    internal long Append(int generation, string shard, string name, long expectedLength, byte[] frame)
    {
        lock (_gate)
        {
            Check(generation);
            var path = Path(shard, name);
            if (!_blobs.TryGetValue(path, out var bytes))
                throw new InvalidOperationException($"Log {path} does not exist.");
            if (bytes.Length != expectedLength)
                throw new InvalidOperationException($"Log {path} is {bytes.Length} bytes, expected {expectedLength}: another writer touched this shard's log.");
            _blobs[path] = [.. bytes, .. frame];
            return bytes.Length + frame.Length;
        }
    }

    internal void Delete(int generation, string shard, string name)
    {
        lock (_gate)
        {
            Check(generation);
            _blobs.Remove(Path(shard, name));
        }
    }

    private void Check(int generation)
    {
        if (generation != _generation)
            throw new InvalidOperationException("This process has crashed (in-memory shard storage): storage is out of reach.");
    }

    private static string Path(string shard, string name) => $"{shard}/{name}";
}
