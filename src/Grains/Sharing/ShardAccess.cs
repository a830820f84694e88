namespace Grid.Grains.Sharing;

/// <summary>A shard's own verdict on one search: allowed with caps, or refused with the reason.</summary>
public sealed record ShardAccess(bool Allowed, SearchCaps Caps, string Reason)
{
    public static ShardAccess Allow(SearchCaps caps) => new(true, caps, "allowed");

    public static ShardAccess Deny(string reason) => new(false, SearchCaps.Unlimited, reason);
}
