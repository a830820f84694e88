using System.Collections.Concurrent;
using Azure.Storage.Blobs;
using Grid.Contracts.Errors;
using Grid.Grains.Placement;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Storage;

/// <summary>
/// Picks the storage account that holds a force's shards and audit log. A force that runs its own silos keeps its
/// data in its own account, whose key only its silos hold; every other force shares the grid's account. A silo asked
/// for the data of a force that has its own account it holds no key for fails loudly (it must never have been placed
/// there) instead of quietly reading or creating that force's blobs in the shared account — that would split the
/// force's history in two and put its data where other forces' silos can read it.
/// </summary>
public sealed class ForceStorage
{
    private readonly BlobServiceClient _shared;
    private readonly Dictionary<string, BlobServiceClient> _held;
    private readonly ConcurrentDictionary<string, byte> _ownAccount = new(StringComparer.Ordinal);

    public ForceStorage(BlobServiceClient shared, IOptions<ForceStorageOptions> options)
    {
        _shared = shared;
        _held = options.Value.Accounts.ToDictionary(a => a.Key, a => new BlobServiceClient(a.Value), StringComparer.Ordinal);
        foreach (var force in options.Value.OwnAccountForces.Concat(_held.Keys)) MarkOwnAccount(force);
    }

    /// <summary>Every force in the shared account (tests and tools that read one account).</summary>
    public static ForceStorage SharedOnly(BlobServiceClient shared) => new(shared, Options.Create(new ForceStorageOptions()));

    /// <summary>The shared account: catalogues, security state, clustering, and the data of forces without their own.</summary>
    public BlobServiceClient Shared => _shared;

    /// <summary>Forces whose own account this silo holds the key to.</summary>
    public IReadOnlyCollection<string> Held => _held.Keys;

    /// <summary>Forces known to keep their data in their own account.</summary>
    public IReadOnlyCollection<string> OwnAccountForces => _ownAccount.Keys.Order(StringComparer.Ordinal).ToArray();

    public void MarkOwnAccount(string force)
    {
        if (!string.IsNullOrWhiteSpace(force)) _ownAccount.TryAdd(force.Trim(), 0);
    }

    /// <summary>Whether <paramref name="force"/>'s data lives in its own (or its country's) account.</summary>
    public bool HasOwnAccount(string force) => ForceLabel.CandidateLabels(force).Any(_ownAccount.ContainsKey);

    /// <summary>The account holding <paramref name="force"/>'s shards and audit log. As with placement, an account is
    /// the force's or its country's (silos labelled <c>NL</c> host <c>NL-KLPD</c>'s shards, from <c>NL</c>'s account).</summary>
    public BlobServiceClient For(string force)
    {
        foreach (var label in ForceLabel.CandidateLabels(force))
        {
            if (_held.TryGetValue(label, out var own)) return own;
            if (_ownAccount.ContainsKey(label)) throw Unavailable(label);
        }
        return _shared;
    }

    private ForceSilosUnavailableException Unavailable(string force) =>
        new(
            $"Force {force} keeps its data in its own storage account, whose key only {force}'s silos hold; this silo holds " +
            $"{(_held.Count == 0 ? "no force's key" : "only " + string.Join(", ", _held.Keys) + "'s")}. {force}'s shards and audit log run " +
            $"only on {force}'s silos: start one (./grid.sh silo add --force {force}).");
}
