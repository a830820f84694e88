using System.Text;
using Grid.Grains.Galleries;
using Grid.Indexing;

namespace Grid.Grains.Storage;

/// <summary>A shard snapshot: <c>GRIDSNAP</c>, version, next id, the subject map, then the index itself
/// as <see cref="IVectorIndex.Save"/> writes it.</summary>
public static class ShardSnapshotCodec
{
    private static readonly byte[] Magic = "GRIDSNAP"u8.ToArray();
    private const int Version = 1;

    public static void Write(Stream destination, SubjectMap map, long nextId, IVectorIndex index)
    {
        using (var w = new BinaryWriter(destination, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write(nextId);
            w.Write(map.Subjects);
            foreach (var (subjectRef, entries) in map.Entries)
            {
                w.Write(subjectRef);
                w.Write(entries.Count);
                foreach (var entry in entries)
                {
                    w.Write(entry.Id);
                    w.Write(entry.VectorHash);
                }
            }
        }
        index.Save(destination);
    }

    public static (SubjectMap Map, long NextId, IVectorIndex Index) Read(Stream source)
    {
        var map = new SubjectMap();
        long nextId;
        using (var r = new BinaryReader(source, Encoding.UTF8, leaveOpen: true))
        {
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || r.ReadInt32() != Version)
                throw new InvalidDataException("Not a shard snapshot of a version this silo reads.");
            nextId = r.ReadInt64();
            var subjects = r.ReadInt32();
            for (var s = 0; s < subjects; s++)
            {
                var subjectRef = r.ReadString();
                var count = r.ReadInt32();
                for (var t = 0; t < count; t++)
                    map.Add(subjectRef, new TemplateEntry(r.ReadInt64(), r.ReadUInt64()));
            }
        }
        var index = VectorIndexFactory.Load(source);
        return (map, nextId, index);
    }
}
