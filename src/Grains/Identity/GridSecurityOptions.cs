namespace Grid.Grains.Identity;

/// <summary>Configuration section <c>Grid:Security</c> of every silo of one cluster.</summary>
public sealed class GridSecurityOptions
{
    public const string Section = "Grid:Security";

    /// <summary>
    /// Base64 of at least 32 random bytes, the same on every silo and known to no client. The
    /// internal-call key and the search-ticket key are derived from it (HKDF), never used raw.
    /// </summary>
    public string ClusterSecret { get; set; } = string.Empty;

    /// <summary>How long a resolved key is trusted before it is looked up again; a disabled key may work this long on other silos.</summary>
    public TimeSpan PrincipalCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Window in which an internal call ticket is accepted (silo clocks may differ slightly).</summary>
    public TimeSpan InternalTicketLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Lifetime of a search ticket: long enough for one fan-out, short enough to bound a revocation's tail.</summary>
    public TimeSpan SearchTicketLifetime { get; set; } = TimeSpan.FromSeconds(60);

    public byte[] SecretBytes()
    {
        var bytes = new byte[(ClusterSecret.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(ClusterSecret, bytes, out var written) || written < 32)
        {
            throw new InvalidOperationException($"{Section}:ClusterSecret must be base64 of at least 32 random bytes.");
        }

        return bytes[..written];
    }
}
