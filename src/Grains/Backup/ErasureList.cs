using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Backup;

/// <summary>
/// A force's erasure list: one JSON line per subject removal (gallery, subjectRef, time), in the append blob
/// <c>{F}/erasures.log</c> of its own container (<see cref="GridStorageOptions.ErasureContainer"/>), written before the
/// shard removes the subject — so the list may name a removal that then failed (and is retried), never miss one that
/// happened. A restore replays every erasure from the backup's start onwards, so a subject removed after a backup stays
/// removed when that backup is restored. It holds opaque subjectRefs only, as the shard logs do. Without blob storage
/// (in-memory test clusters) it keeps the list in memory.
/// </summary>
public sealed class ErasureList(BlobServiceClient? blobs, IOptions<GridStorageOptions> options, TimeProvider clock)
{
    public const string BlobName = "erasures.log";

    private readonly ConcurrentQueue<SubjectErasure> _memory = new();

    public string Container => options.Value.ErasureContainer;

    public async Task RecordAsync(GalleryId gallery, string subjectRef)
    {
        var erasure = new SubjectErasure(gallery, subjectRef, clock.GetUtcNow());
        if (blobs is null)
        {
            _memory.Enqueue(erasure);
            return;
        }
        var container = blobs.GetBlobContainerClient(Container);
        await container.CreateIfNotExistsAsync();
        var log = container.GetAppendBlobClient($"{gallery.Force}/{BlobName}");
        await log.CreateIfNotExistsAsync();
        var line = JsonSerializer.SerializeToUtf8Bytes(new Line(gallery.Key, subjectRef, erasure.Utc));
        using var block = new MemoryStream([.. line, (byte)'\n']);
        await log.AppendBlockAsync(block); // one block per line: concurrent appenders never interleave within a line
    }

    public async Task<List<SubjectErasure>> ReadAsync(ForceId force)
    {
        if (blobs is null) return _memory.Where(e => e.Gallery.Force == force).ToList();
        try
        {
            var content = await blobs.GetBlobContainerClient(Container).GetBlobClient($"{force.Value}/{BlobName}").DownloadContentAsync();
            return Parse(content.Value.Content.ToArray());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    public static List<SubjectErasure> Parse(byte[] bytes) => Encoding.UTF8.GetString(bytes)
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(l => JsonSerializer.Deserialize<Line>(l)!)
        .Select(l => new SubjectErasure(GalleryId.Parse(l.Gallery), l.SubjectRef, l.Utc)).ToList();

    private sealed record Line(string Gallery, string SubjectRef, DateTimeOffset Utc);
}
