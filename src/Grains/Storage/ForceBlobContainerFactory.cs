using Azure.Storage.Blobs;
using Grid.Grains.Placement;
using Orleans.Storage;

namespace Grid.Grains.Storage;

/// <summary>
/// Where the grain-storage provider <c>grid</c> keeps each grain's state: an owner's subject records (reference image,
/// core data) and the follow-ups it is asked — the review data of that force, pinned to its silos — go to the force's
/// own storage account when it has one (<see cref="ForceStorage"/>); everything else (identity, agreements, galleries,
/// review cases) stays in the shared account, which every silo must read. Blob names are unchanged, so a force that
/// gets its own account later finds its older records in the shared account until they are copied.
/// </summary>
public sealed class ForceBlobContainerFactory(ForceStorage accounts, string containerName) : IBlobContainerFactory
{
    /// <summary>Grain types (Orleans' names) whose state is a force's review data.</summary>
    public static readonly IReadOnlySet<string> PerForceTypes = new HashSet<string>(StringComparer.Ordinal) { "subjectrecord", "followup" };

    private BlobContainerClient _shared = null!;

    public async Task InitializeAsync(BlobServiceClient client)
    {
        _shared = client.GetBlobContainerClient(containerName);
        await _shared.CreateIfNotExistsAsync();
    }

    /// <summary>The container for <paramref name="grainId"/>; throws when its force's account is one this silo holds no
    /// key to (such grains are placed only on the force's own silos).</summary>
    public BlobContainerClient GetBlobContainerClient(GrainId grainId)
    {
        if (!PerForceTypes.Contains(grainId.Type.ToString() ?? "") || ForceLabel.ForceOfKey(grainId.Key.ToString() ?? "") is not { } force ||
            !accounts.HasOwnAccount(force))
            return _shared;
        // The provider creates a missing container on its first write and reads a missing one as no state.
        return accounts.For(force).GetBlobContainerClient(containerName);
    }
}
