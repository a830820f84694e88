using Grid.Protocol.Sharing;

namespace Grid.Client;

/// <summary>Handles that read like the grid's own objects: <c>client.Agreement("DE->NL")</c>, <c>client.Audit("NL")</c>.</summary>
public static class GridClientExtensions
{
    /// <summary>The agreement <paramref name="key"/>.</summary>
    public static GridAgreement Agreement(this IGridClient client, AgreementKey key) => new(client, key);

    /// <summary>The force's audit log.</summary>
    public static GridAudit Audit(this IGridClient client, string force) => new(client, force);
}
