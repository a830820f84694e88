using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Grid.Contracts.Identity;
using Grid.Grains.Identity;
using Grid.Grains.Storage;

namespace Grid.Grains.Backup;

/// <summary>
/// Writes one force's backup as a tar stream: its grain states (identity, keys, agreements, galleries, review), every
/// shard's manifest + the snapshot and log of the manifest's epoch, and its audit log's head record + segments, then
/// the signed <see cref="BackupManifest"/>. Taken live, each part is consistent on its own terms:
/// a shard's log is copied up to the length read before the copy (appends are whole CRC-framed records, so that is a
/// prefix of acknowledged changes — what a crash at that moment would leave); a checkpoint that moves the shard to a new
/// epoch mid-copy is detected (the old epoch's blobs vanish) and that shard is copied again; the audit head record is
/// copied before the segments (an append writes its segment before raising the head, so the copied chain always
/// reaches the copied head). Each blob is staged in a temporary file first, so its hash is known before it is sent.
/// </summary>
public sealed class ForceBackupWriter(BlobServiceClient blobs, BackupLayout layout, GridKeys keys, TimeProvider clock)
{
    private const int ShardAttempts = 5;

    public async Task<BackupManifest> WriteAsync(ForceId force, Stream output, CancellationToken ct)
    {
        var started = clock.GetUtcNow(); // erasures from here on are replayed by a restore of this backup
        var entries = new List<BackupEntry>();
        var galleries = new SortedSet<string>(StringComparer.Ordinal);
        await using var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);

        var states = blobs.GetBlobContainerClient(layout.GrainStateContainer);
        foreach (var blob in await ForceBlobs.GrainStatesAsync(states, force, ct))
            entries.Add(await CopyAsync(tar, states, blob.Name, length: null, append: false, ct) ?? throw Vanished(blob.Name));

        var shards = blobs.GetBlobContainerClient(layout.ShardContainer);
        var shardKeys = (await ForceBlobs.UnderAsync(shards, force, ct))
            .Where(b => b.Name.EndsWith("/manifest.json", StringComparison.Ordinal))
            .Select(b => b.Name[..^"/manifest.json".Length]).Order(StringComparer.Ordinal).ToArray();
        foreach (var shard in shardKeys)
        {
            entries.AddRange(await CopyShardAsync(tar, shards, shard, ct));
            galleries.Add(shard[..shard.LastIndexOf('/')]);
        }

        var audit = blobs.GetBlobContainerClient(layout.AuditContainer);
        var auditBlobs = await ForceBlobs.UnderAsync(audit, force, ct);
        // The head record first: everything it vouches for is already in the segments copied after it.
        foreach (var blob in auditBlobs.OrderBy(b => b.Name.EndsWith("/head.bin", StringComparison.Ordinal) ? 0 : 1).ThenBy(b => b.Name, StringComparer.Ordinal))
            entries.Add(await CopyAsync(tar, audit, blob.Name, length: null, append: blob.Properties.BlobType == BlobType.Append, ct) ?? throw Vanished(blob.Name));

        var manifest = new BackupManifest(BackupManifest.CurrentFormat, force.Value, started, clock.GetUtcNow(), [.. galleries], [.. entries], "")
            .Signed(keys.BackupKey);
        var json = manifest.ToJson();
        var last = new PaxTarEntry(TarEntryType.RegularFile, BackupManifest.FileName) { DataStream = new MemoryStream(json) };
        await tar.WriteEntryAsync(last, ct);
        return manifest;
    }

    /// <summary>Manifest, then the snapshot and the log of its epoch, the log cut at the length read first; again from
    /// the manifest when a checkpoint replaced the epoch meanwhile.</summary>
    private async Task<List<BackupEntry>> CopyShardAsync(TarWriter tar, BlobContainerClient shards, string shard, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var manifestBytes = (await shards.GetBlobClient($"{shard}/manifest.json").DownloadContentAsync(ct)).Value.Content.ToArray();
            var epoch = JsonSerializer.Deserialize<ShardManifest>(manifestBytes)?.Epoch ?? 0;
            var log = shards.GetAppendBlobClient($"{shard}/{ShardBlobStore.LogName(epoch)}");
            long? logLength;
            try
            {
                logLength = (await log.GetPropertiesAsync(cancellationToken: ct)).Value.ContentLength;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                logLength = null; // a shard created but never written
            }

            // Staged before anything of this shard enters the archive, so a retry leaves no half shard in it.
            var staged = new List<(BackupEntry Entry, FileStream File)>();
            try
            {
                staged.Add(await StageBytesAsync(layout.ShardContainer, $"{shard}/manifest.json", manifestBytes, ct));
                if (epoch > 0)
                    staged.Add(await StageAsync(shards, $"{shard}/{ShardBlobStore.SnapshotName(epoch)}", null, append: false, ct)
                               ?? throw new EpochMovedException());
                if (logLength is { } length)
                    staged.Add(await StageAsync(shards, log.Name, length, append: true, ct) ?? throw new EpochMovedException());
                foreach (var (entry, file) in staged) await WriteEntryAsync(tar, entry, file, ct);
                return staged.Select(s => s.Entry).ToList();
            }
            catch (EpochMovedException) when (attempt < ShardAttempts)
            {
                // A checkpoint replaced the epoch while we read it: its manifest now names the new one.
            }
            catch (EpochMovedException)
            {
                throw new InvalidOperationException($"Shard {shard} kept moving to new epochs while it was copied; run the backup again.");
            }
            finally
            {
                foreach (var (_, file) in staged) await file.DisposeAsync();
            }
        }
    }

    private async Task<BackupEntry?> CopyAsync(TarWriter tar, BlobContainerClient container, string name, long? length, bool append, CancellationToken ct)
    {
        var staged = await StageAsync(container, name, length, append, ct);
        if (staged is null) return null;
        var (entry, file) = staged.Value;
        await using (file) await WriteEntryAsync(tar, entry, file, ct);
        return entry;
    }

    private static async Task WriteEntryAsync(TarWriter tar, BackupEntry entry, FileStream file, CancellationToken ct)
    {
        file.Position = 0;
        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, entry.Path) { DataStream = file }, ct);
    }

    /// <summary>The blob (its first <paramref name="length"/> bytes when given) in a temporary file, or null when it is gone.</summary>
    private async Task<(BackupEntry, FileStream)?> StageAsync(BlobContainerClient container, string name, long? length, bool append, CancellationToken ct)
    {
        var file = TempFile();
        try
        {
            if (length is not 0)
            {
                var options = new BlobDownloadOptions { Range = length is { } n ? new HttpRange(0, n) : default };
                var download = await container.GetBlobClient(name).DownloadStreamingAsync(options, ct);
                await using var content = download.Value.Content;
                await content.CopyToAsync(file, ct);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            await file.DisposeAsync();
            return null;
        }
        file.Position = 0;
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
        return (new BackupEntry(container.Name, name, file.Length, hash, append), file);
    }

    private static async Task<(BackupEntry, FileStream)> StageBytesAsync(string container, string name, byte[] bytes, CancellationToken ct)
    {
        var file = TempFile();
        await file.WriteAsync(bytes, ct);
        return (new BackupEntry(container, name, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)), Append: false), file);
    }

    internal static FileStream TempFile() => new(Path.Combine(Path.GetTempPath(), $"grid-backup-{Guid.NewGuid():N}.part"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    private static InvalidOperationException Vanished(string name) => new($"Blob {name} vanished while the backup read it; run the backup again.");

    private sealed class EpochMovedException : Exception;
}
