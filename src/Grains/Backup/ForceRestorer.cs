using System.Formats.Tar;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Grid.Contracts.Identity;
using Grid.Grains.Identity;

namespace Grid.Grains.Backup;

/// <summary>
/// Puts a force's backup (<see cref="ForceBackupWriter"/>) back into storage. The whole archive is read into temporary
/// files and checked first — manifest MAC under this grid's backup key, every entry present with its hash — so a bad
/// backup writes nothing. A grid that already holds the force is refused unless <c>overwrite</c>; then the force's
/// blobs are deleted first. The blobs go back byte for byte (append blobs as append blobs); nothing is re-sealed, so the
/// grains verify the restored state exactly as they verify any state when they activate. A failure while writing
/// deletes what this restore wrote. Registering the force and its galleries in the grid-wide catalogue is the
/// caller's next step (<c>IOperatorGrain.AdoptRestoredForceAsync</c>), made once storage holds everything.
/// </summary>
public sealed class ForceRestorer(BlobServiceClient blobs, BackupLayout layout, GridKeys keys)
{
    private const int AppendBlock = 4 * 1024 * 1024;

    /// <param name="beforeOverwrite">Runs once the archive checked out and before the force's existing blobs are
    /// deleted (overwrite only): the caller deactivates grains that hold the old state in memory.</param>
    public async Task<BackupManifest> RestoreAsync(Stream archive, bool overwrite, Func<Task>? beforeOverwrite, CancellationToken ct)
    {
        var files = new Dictionary<string, FileStream>(StringComparer.Ordinal);
        try
        {
            BackupManifest manifest;
            try
            {
                manifest = await ReadAsync(archive, files, ct);
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or ArgumentException)
            {
                throw new BackupInvalidException($"The backup is not a readable archive (damaged or cut short): {e.Message}");
            }
            var force = ForceId.Parse(manifest.Force);
            var existing = await ExistingAsync(force, ct);
            if (existing.Count > 0 && !overwrite)
                throw new ForceExistsException($"This grid already holds force {force} ({existing.Count} blobs): restore with --force to replace it.");
            if (existing.Count > 0 && beforeOverwrite is not null)
            {
                await beforeOverwrite();
                existing = await ExistingAsync(force, ct); // deactivation may have written snapshots
            }
            foreach (var (container, name) in existing)
                await blobs.GetBlobContainerClient(container).GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: ct);

            var written = new List<BackupEntry>();
            try
            {
                foreach (var entry in manifest.Entries)
                {
                    await WriteAsync(entry, files[entry.Path], ct);
                    written.Add(entry);
                }
            }
            catch
            {
                foreach (var entry in written)
                    await blobs.GetBlobContainerClient(entry.Container).GetBlobClient(entry.Name).DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
                throw;
            }
            return manifest;
        }
        finally
        {
            foreach (var file in files.Values) await file.DisposeAsync();
        }
    }

    private async Task<BackupManifest> ReadAsync(Stream archive, Dictionary<string, FileStream> files, CancellationToken ct)
    {
        await using var tar = new TarReader(archive, leaveOpen: true);
        BackupManifest? manifest = null;
        while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
        {
            if (manifest is not null) throw new BackupInvalidException($"The backup has entries after its manifest ({entry.Name}).");
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
            if (entry.Name == BackupManifest.FileName)
            {
                using var json = new MemoryStream();
                if (entry.DataStream is not null) await entry.DataStream.CopyToAsync(json, ct);
                manifest = Parse(json.ToArray());
                continue;
            }
            if (files.ContainsKey(entry.Name)) throw new BackupInvalidException($"The backup holds {entry.Name} twice.");
            var file = ForceBackupWriter.TempFile();
            files[entry.Name] = file;
            if (entry.DataStream is not null) await entry.DataStream.CopyToAsync(file, ct);
        }
        if (manifest is null) throw new BackupInvalidException("The backup has no manifest (grid-backup.json): it is truncated or not a grid backup.");
        if (!manifest.Verifies(keys.BackupKey))
            throw new BackupInvalidException("The backup's manifest does not verify with this grid's cluster secret: it was altered, or it comes from " +
                                             "a grid with another Grid:Security:ClusterSecret (restore into a grid started with the source grid's secret; " +
                                             "sealed state, audit chains and ticket keys derive from it).");
        var allowed = new HashSet<string>([layout.ShardContainer, layout.AuditContainer, layout.GrainStateContainer], StringComparer.Ordinal);
        foreach (var entry in manifest.Entries)
        {
            if (!allowed.Contains(entry.Container))
                throw new BackupInvalidException($"The backup names container {entry.Container}, which this grid does not use for force data.");
            if (!files.TryGetValue(entry.Path, out var file) || file.Length != entry.Length)
                throw new BackupInvalidException($"The backup misses {entry.Path} or holds it cut short.");
            file.Position = 0;
            if (Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct)) != entry.Sha256)
                throw new BackupInvalidException($"{entry.Path} in the backup does not match its hash.");
        }
        return manifest;
    }

    private static BackupManifest Parse(byte[] json)
    {
        try
        {
            var manifest = BackupManifest.Parse(json);
            return manifest.Format == BackupManifest.CurrentFormat
                ? manifest
                : throw new BackupInvalidException($"Backup format {manifest.Format} is not one this grid reads ({BackupManifest.CurrentFormat}).");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new BackupInvalidException($"The backup's manifest is not valid JSON: {e.Message}");
        }
    }

    /// <summary>Every blob of the force in this grid's storage, as (container, name).</summary>
    public async Task<List<(string Container, string Name)>> ExistingAsync(ForceId force, CancellationToken ct)
    {
        var found = new List<(string, string)>();
        var states = blobs.GetBlobContainerClient(layout.GrainStateContainer);
        found.AddRange((await ForceBlobs.GrainStatesAsync(states, force, ct)).Select(b => (states.Name, b.Name)));
        foreach (var name in new[] { layout.ShardContainer, layout.AuditContainer })
        {
            var container = blobs.GetBlobContainerClient(name);
            found.AddRange((await ForceBlobs.UnderAsync(container, force, ct)).Select(b => (name, b.Name)));
        }
        return found;
    }

    private async Task WriteAsync(BackupEntry entry, FileStream file, CancellationToken ct)
    {
        var container = blobs.GetBlobContainerClient(entry.Container);
        await container.CreateIfNotExistsAsync(cancellationToken: ct);
        file.Position = 0;
        if (!entry.Append)
        {
            await container.GetBlobClient(entry.Name).UploadAsync(file, overwrite: true, ct);
            return;
        }
        var log = container.GetAppendBlobClient(entry.Name);
        await log.CreateAsync(new AppendBlobCreateOptions(), ct);
        var buffer = new byte[AppendBlock];
        int read;
        while ((read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct)) > 0)
        {
            using var block = new MemoryStream(buffer, 0, read, writable: false);
            await log.AppendBlockAsync(block, cancellationToken: ct);
        }
    }
}
