namespace Grid.Grains.Identity;

/// <summary>
/// <c>Grid:Security:Forces:{F}</c>: a force that runs its own silos gives them (and only them) <see cref="Secret"/>,
/// and every other silo <see cref="PublicKey"/>, so only its silos can sign its search tickets.
/// </summary>
public sealed class ForceKeyOptions
{
    /// <summary>Base64 of at least 32 random bytes; set only on the force's own (pinned) silos.</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>Base64 SubjectPublicKeyInfo of the force's P-256 ticket key (<c>GridKeys.PublicKeyFromSecret</c>).</summary>
    public string PublicKey { get; set; } = string.Empty;
}
