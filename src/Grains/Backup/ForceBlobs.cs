using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Grid.Contracts.Identity;

namespace Grid.Grains.Backup;

/// <summary>
/// Which blobs are one force's: every shard blob under <c>{F}/</c>, every audit blob under <c>{F}/</c>, and the grain
/// states whose key is the force's (<c>F</c>, <c>F/…</c>, an agreement <c>F->X</c> or <c>X->F</c>) or — API keys,
/// keyed by a random id — whose stored principal belongs to the force. Grid-wide state (the gallery catalogue, the
/// operator's registry) is not copied: a restore registers the force and its galleries there again.
/// </summary>
public static class ForceBlobs
{
    /// <summary>The grain state name of <c>ApiKeyGrain</c> ("key"): its blobs are <c>key-apikey/{id}.json</c>.</summary>
    private const string ApiKeyState = "key-";

    public static bool KeyBelongs(string grainKey, ForceId force)
    {
        var f = force.Value;
        if (grainKey == f || grainKey.StartsWith(f + "/", StringComparison.Ordinal)) return true;
        var arrow = grainKey.IndexOf("->", StringComparison.Ordinal);
        return arrow > 0 && (grainKey[..arrow] == f || grainKey[(arrow + 2)..] == f);
    }

    /// <summary>The grain key in a grain-state blob name <c>{state}-{type}/{key}.json</c>, or null for another shape.</summary>
    public static string? GrainKeyOf(string blobName)
    {
        var slash = blobName.IndexOf('/');
        return slash < 0 || !blobName.EndsWith(".json", StringComparison.Ordinal) ? null : blobName[(slash + 1)..^".json".Length];
    }

    public static async Task<List<BlobItem>> GrainStatesAsync(BlobContainerClient container, ForceId force, CancellationToken ct)
    {
        var found = new List<BlobItem>();
        if (!await container.ExistsAsync(ct)) return found;
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: ct))
        {
            if (GrainKeyOf(blob.Name) is not { } key) continue;
            if (KeyBelongs(key, force)) found.Add(blob);
            else if (blob.Name.StartsWith(ApiKeyState, StringComparison.Ordinal)
                     && NamesForce((await container.GetBlobClient(blob.Name).DownloadContentAsync(ct)).Value.Content.ToArray(), force))
                found.Add(blob);
        }
        return found;
    }

    public static async Task<List<BlobItem>> UnderAsync(BlobContainerClient container, ForceId force, CancellationToken ct)
    {
        var found = new List<BlobItem>();
        if (!await container.ExistsAsync(ct)) return found;
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = force.Value + "/" }, ct)) found.Add(blob);
        return found;
    }

    /// <summary>Whether a stored state names <paramref name="force"/> as a property "Force" (a string or an object
    /// holding it, whatever the serializer's shape).</summary>
    public static bool NamesForce(byte[] json, ForceId force)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Walk(document.RootElement, force.Value, underForce: false);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool Walk(JsonElement element, string force, bool underForce) => element.ValueKind switch
    {
        JsonValueKind.String => underForce && element.GetString() == force,
        JsonValueKind.Object => element.EnumerateObject().Any(p =>
            Walk(p.Value, force, underForce || p.Name.Equals("Force", StringComparison.OrdinalIgnoreCase))),
        JsonValueKind.Array => element.EnumerateArray().Any(e => Walk(e, force, underForce)),
        _ => false,
    };
}
