namespace Grid.Protocol.Sharing;

/// <summary>An agreement as its two forces see it; <see cref="Status"/> already accounts for expiry.</summary>
/// <param name="Agreement"><c>OWNER-&gt;REQUESTER</c>.</param>
/// <param name="Version">Current version (accept names the version reviewed).</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="Terms">Terms of the current version, if any.</param>
/// <param name="History">Every change.</param>
public sealed record AgreementView(string Agreement, int Version, AgreementStatus Status, AgreementTerms? Terms, AgreementChange[] History)
{
    /// <summary>The parsed key.</summary>
    public AgreementKey Key => AgreementKey.Parse(Agreement);
}
