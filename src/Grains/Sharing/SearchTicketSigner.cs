using System.Collections.Immutable;
using System.Security.Cryptography;
using Grid.Contracts.Galleries;
using Grid.Contracts.Sharing;
using Grid.Grains.Security;

namespace Grid.Grains.Sharing;

/// <summary>
/// Issues and verifies <see cref="SearchTicket"/>s with HMAC-SHA256 under the grid's ticket key.
/// Every field but the signature is signed, so changing a gallery, a cap, the purpose or the
/// window breaks it; verification compares in constant time.
/// </summary>
public sealed class SearchTicketSigner
{
    /// <summary>Clocks of silos differ a little; a ticket may look this much early.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    private readonly byte[] _key;
    private readonly TimeSpan _lifetime;

    public SearchTicketSigner(byte[] key, TimeSpan lifetime)
    {
        if (key.Length < 32)
        {
            throw new ArgumentException("The ticket key must be at least 32 bytes.", nameof(key));
        }

        _key = key;
        _lifetime = lifetime;
    }

    public SearchTicket Issue(
        AgreementKey agreement, int version, string user, ImmutableArray<GalleryId> galleries, SearchPurpose purpose, SearchCaps caps, DateTimeOffset now)
    {
        var unsigned = new SearchTicket(
            agreement, version, user, galleries, purpose, caps.MaxCandidates, caps.MinScore,
            now, now + _lifetime, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), string.Empty);
        return unsigned with { Signature = Convert.ToBase64String(Sign(unsigned)) };
    }

    public TicketCheck Verify(SearchTicket ticket, DateTimeOffset now)
    {
        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (!Convert.TryFromBase64String(ticket.Signature ?? string.Empty, presented, out var written) ||
            written != presented.Length ||
            !CryptographicOperations.FixedTimeEquals(presented, Sign(ticket)))
        {
            return TicketCheck.BadSignature;
        }

        if (ticket.IssuedAt > now + ClockSkew || ticket.ExpiresAt - ticket.IssuedAt > _lifetime)
        {
            return TicketCheck.BadWindow;
        }

        return now >= ticket.ExpiresAt ? TicketCheck.Expired : TicketCheck.Valid;
    }

    private byte[] Sign(SearchTicket t)
    {
        var writer = new CanonicalWriter("grid.search-ticket.v1")
            .String(t.Agreement.Owner.Value).String(t.Agreement.Requester.Value).Int(t.AgreementVersion).String(t.User)
            .Strings(t.Galleries.IsDefault ? [] : [.. t.Galleries.Select(g => g.ToString())])
            .String(t.Purpose.Offence).String(t.Purpose.CaseReference).Int((int)t.Purpose.Subject).String(t.Purpose.Justification)
            .Int(t.MaxCandidates).Float(t.MinScore).Time(t.IssuedAt).Time(t.ExpiresAt).String(t.Nonce);
        return HMACSHA256.HashData(_key, writer.ToArray());
    }
}
