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

    /// <summary>
    /// Window in which an internal call ticket is accepted. The ticket is checked when the target grain runs the call,
    /// not when it arrives, so the window must cover a call's wait in the target's queue as well as clock skew: the
    /// longest <c>[ResponseTimeout]</c> of an internal call (10 min) plus a minute. One minute refused legitimate
    /// enrolment calls that queued behind a busy shard on a loaded silo (seen in the 10M benchmark).
    /// </summary>
    public TimeSpan InternalTicketLifetime { get; set; } = TimeSpan.FromMinutes(11);

    /// <summary>Lifetime of a search ticket: long enough for one fan-out, short enough to bound a revocation's tail.</summary>
    public TimeSpan SearchTicketLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Per-force ticket keys for forces with their own silos (see <see cref="ForceKeyOptions"/>).</summary>
    public Dictionary<string, ForceKeyOptions> Forces { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Migration switch, off by default: accept security state and audit logs written before they were sealed and
    /// keyed (issue 9), sealing them once on first activation (audited). Turn it on for one start after the
    /// upgrade, then off: while it is on, an insider could plant unsealed state.
    /// </summary>
    public bool AdoptUnsealedState { get; set; }

    public byte[] SecretBytes() => Decode(ClusterSecret, "ClusterSecret");

    public static byte[] Decode(string base64, string name)
    {
        var bytes = new byte[(base64.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(base64, bytes, out var written) || written < 32)
        {
            throw new InvalidOperationException($"{Section}:{name} must be base64 of at least 32 random bytes.");
        }

        return bytes[..written];
    }
}
