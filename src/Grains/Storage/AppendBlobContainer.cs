using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Polly;

namespace Grid.Grains.Storage;

/// <summary>
/// A blob container of append-blob logs, shared by the shard journals and the audit logs: created on first use,
/// every call through one retry pipeline, and the conditional append both logs rely on. An append carries its
/// expected position (<c>IfAppendPositionEqual</c>), so a retry after a lost answer never writes a frame twice and
/// a second writer is refused rather than interleaved.
/// </summary>
public sealed class AppendBlobContainer(BlobContainerClient container, ResiliencePipeline retry)
{
    private int _ready;

    public BlobContainerClient Client { get; } = container;

    public ResiliencePipeline Retry { get; } = retry;

    public AppendBlobClient Log(string name) => Client.GetAppendBlobClient(name);

    public async Task EnsureExistsAsync()
    {
        if (Volatile.Read(ref _ready) == 1) return;
        await Retry.ExecuteAsync(async ct => { await Client.CreateIfNotExistsAsync(cancellationToken: ct); });
        Volatile.Write(ref _ready, 1);
    }

    /// <summary>Creates (or empties) the append blob <paramref name="name"/>.</summary>
    public async Task CreateAsync(string name)
    {
        await EnsureExistsAsync();
        await Retry.ExecuteAsync(async ct => { await Log(name).CreateAsync(new AppendBlobCreateOptions(), ct); });
    }

    /// <summary>Creates an empty append blob; fails if it exists and is not empty, since it then belongs to
    /// another writer (<paramref name="takenBy"/> describes that conflict).</summary>
    public async Task CreateNewAsync(string name, Func<string> takenBy)
    {
        await EnsureExistsAsync();
        var blob = Log(name);
        await Retry.ExecuteAsync(async ct =>
        {
            try
            {
                var conditions = new AppendBlobRequestConditions { IfNoneMatch = ETag.All };
                await blob.CreateAsync(new AppendBlobCreateOptions { Conditions = conditions }, ct);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // A retry whose first attempt created the blob finds it empty; anything else is a second writer.
                var length = (await blob.GetPropertiesAsync(cancellationToken: ct)).Value.ContentLength;
                if (length != 0) throw new InvalidOperationException(takenBy(), e);
            }
        });
    }

    /// <summary>Appends <paramref name="data"/> as one block at <paramref name="expectedLength"/>; returns the
    /// blob's new length. <paramref name="conflict"/> describes another writer, given the length found.</summary>
    public async Task<long> AppendAsync(string name, long expectedLength, byte[] data, Func<long, string> conflict)
    {
        var blob = Log(name);
        return await Retry.ExecuteAsync(async ct =>
        {
            try
            {
                using var content = new MemoryStream(data, writable: false);
                var conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = expectedLength };
                await blob.AppendBlockAsync(content, new AppendBlobAppendBlockOptions { Conditions = conditions }, ct);
                return expectedLength + data.Length;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // An earlier attempt landed but its answer was lost: the blob then ends exactly after our data.
                var length = (await blob.GetPropertiesAsync(cancellationToken: ct)).Value.ContentLength;
                if (length == expectedLength + data.Length) return length;
                throw new InvalidOperationException(conflict(length), e);
            }
        });
    }

    /// <summary>The whole blob as a buffered stream, or null when it does not exist.</summary>
    public async Task<Stream?> OpenReadAsync(BlobBaseClient blob)
    {
        await EnsureExistsAsync();
        return await Retry.ExecuteAsync<Stream?>(async ct =>
        {
            try
            {
                var download = await blob.DownloadStreamingAsync(cancellationToken: ct);
                return new BufferedStream(download.Value.Content, 4 * 1024 * 1024);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
        });
    }
}
