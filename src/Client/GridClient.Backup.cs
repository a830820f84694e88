using System.Net.Http.Headers;
using Grid.Protocol.Operations;
using Grid.Protocol.Wire;

namespace Grid.Client;

public sealed partial class GridClient
{
    /// <summary>Operator: streams force <paramref name="force"/>'s backup archive into <paramref name="destination"/>.
    /// A backup whose stream broke off has no manifest at its end and is refused by any restore.</summary>
    public async Task BackupAsync(string force, Stream destination, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"v1/operator/backups/{Uri.EscapeDataString(force)}", null, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await body.CopyToAsync(destination, cancellationToken);
    }

    /// <summary>Operator: restores a backup archive; a grid that already holds the force refuses (force-exists) unless
    /// <paramref name="overwrite"/>.</summary>
    public Task<BackupSummary> RestoreAsync(Stream archive, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        var content = new StreamContent(archive, 1 << 20);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        return SendAsync(HttpMethod.Post, "v1/operator/restores" + (overwrite ? "?overwrite=true" : ""), content, Types.BackupSummary, cancellationToken);
    }
}
