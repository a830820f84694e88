using System.Collections.Immutable;
using System.Security.Cryptography;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Sharing;
using Grid.Grains.Identity;
using Grid.Grains.Security;

namespace Grid.Grains.Sharing;

/// <summary>
/// Issues and verifies <see cref="SearchTicket"/>s with ECDSA P-256 under the owner force's own key: only silos
/// holding that force's private key (its own pinned silos, or the shared pool for forces without silos; see
/// <see cref="GridKeys"/>) can issue, and shards verify with the owner's public key, so one force's silo cannot mint
/// a ticket for another force's galleries. Every field but the signature is signed, so changing a gallery, a cap,
/// the purpose or the window breaks it.
/// </summary>
public sealed class SearchTicketSigner
{
    /// <summary>Clocks of silos differ a little; a ticket may look this much early.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    private readonly Func<ForceId, ECDsa?> _signing;
    private readonly Func<ForceId, ECDsa?> _verifying;
    private readonly TimeSpan _lifetime;

    public SearchTicketSigner(GridKeys keys, TimeSpan lifetime)
        : this(keys.SigningKey, keys.VerifyingKey, lifetime)
    {
    }

    /// <param name="signing">The owner's private key where this silo may hold it, else null.</param>
    /// <param name="verifying">The owner's public key, else null (no ticket of that owner then verifies).</param>
    public SearchTicketSigner(Func<ForceId, ECDsa?> signing, Func<ForceId, ECDsa?> verifying, TimeSpan lifetime)
    {
        (_signing, _verifying, _lifetime) = (signing, verifying, lifetime);
    }

    public SearchTicket Issue(
        AgreementKey agreement, int version, string user, ImmutableArray<GalleryId> galleries, SearchPurpose purpose, SearchCaps caps, DateTimeOffset now)
    {
        var key = _signing(agreement.Owner)
            ?? throw new GridAccessDeniedException($"This silo does not hold {agreement.Owner}'s ticket key: only {agreement.Owner}'s own silos sign its tickets.");
        var unsigned = new SearchTicket(
            agreement, version, user, galleries, purpose, caps.MaxCandidates, caps.MinScore,
            now, now + _lifetime, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), string.Empty);
        return unsigned with { Signature = Convert.ToBase64String(key.SignData(Canonical(unsigned), HashAlgorithmName.SHA256)) };
    }

    public TicketCheck Verify(SearchTicket ticket, DateTimeOffset now)
    {
        Span<byte> presented = stackalloc byte[64];
        if (_verifying(ticket.Agreement.Owner) is not { } key ||
            !Convert.TryFromBase64String(ticket.Signature ?? string.Empty, presented, out var written) ||
            written != presented.Length ||
            !key.VerifyData(Canonical(ticket), presented, HashAlgorithmName.SHA256))
        {
            return TicketCheck.BadSignature;
        }

        if (ticket.IssuedAt > now + ClockSkew || ticket.ExpiresAt - ticket.IssuedAt > _lifetime)
        {
            return TicketCheck.BadWindow;
        }

        return now >= ticket.ExpiresAt ? TicketCheck.Expired : TicketCheck.Valid;
    }

    private static byte[] Canonical(SearchTicket t) =>
        new CanonicalWriter("grid.search-ticket.v2")
            .String(t.Agreement.Owner.Value).String(t.Agreement.Requester.Value).Int(t.AgreementVersion).String(t.User)
            .Strings(t.Galleries.IsDefault ? [] : [.. t.Galleries.Select(g => g.ToString())])
            .String(t.Purpose.Offence).String(t.Purpose.CaseReference).Int((int)t.Purpose.Subject).String(t.Purpose.Justification)
            .Int(t.MaxCandidates).Float(t.MinScore).Time(t.IssuedAt).Time(t.ExpiresAt).String(t.Nonce)
            .ToArray();
}
