using Azure;
using Azure.Storage.Blobs;
using Grid.Grains.Placement;
using Grid.Grains.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grid.Silo;

/// <summary>
/// The durable list of forces that run their own silos: blobs <c>grid-placement/pinned/{FORCE}</c>. A labelled
/// silo registers its force when it starts; every silo reads the list at start and every 30 s into
/// <see cref="PinnedForces"/>, so a force's shards stay pinned (unavailable, not moved) even across a restart
/// of the whole grid without that force's silos. Unpin a force by deleting its blob.
/// A silo holding its force's own storage account also registers <c>grid-placement/own-storage/{FORCE}</c> (the account
/// name, never its key), so every silo learns that force's data is elsewhere and never looks for it in the shared account.
/// </summary>
public sealed class PinnedForceRegistry(
    BlobServiceClient blobs, string? ownForce, PinnedForces pinned, ForceStorage storage, ILogger<PinnedForceRegistry> logger)
    : BackgroundService
{
    public const string Container = "grid-placement";
    public const string OwnStoragePrefix = "own-storage/";
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(30);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (ownForce is not null) pinned.Add(ownForce);
        foreach (var force in storage.OwnAccountForces) pinned.Add(force);
        try
        {
            await SyncAsync(cancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or AggregateException)
        {
            logger.LogWarning(e, "Could not read the pinned-force registry yet; retrying in the background");
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Refresh, stoppingToken);
                await SyncAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Pinned-force registry refresh failed");
            }
        }
    }

    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(Container);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        if (ownForce is not null)
            await container.GetBlobClient($"pinned/{ownForce}").UploadAsync(BinaryData.FromString(ownForce), overwrite: true, cancellationToken);
        foreach (var force in storage.Held)
            await container.GetBlobClient($"{OwnStoragePrefix}{force}")
                .UploadAsync(BinaryData.FromString(storage.For(force).AccountName), overwrite: true, cancellationToken);
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "pinned/", cancellationToken))
            pinned.Add(blob.Name["pinned/".Length..]);
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, OwnStoragePrefix, cancellationToken))
        {
            var force = blob.Name[OwnStoragePrefix.Length..];
            storage.MarkOwnAccount(force);
            pinned.Add(force);
        }
    }
}
