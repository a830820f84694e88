using System.Collections.Immutable;
using System.Security.Cryptography;
using CsCheck;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Sharing;
using Grid.Grains.Identity;
using Grid.Grains.Sharing;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Sharing;

public class SearchTicketProperties
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);
    private static readonly SearchTicketSigner Signer = TestKeys.Signer(Lifetime);

    private static readonly Gen<SearchTicket> Ticket =
        from owner in Gens.Force
        from requester in Gens.Force
        from version in Gen.Int[1, 100]
        from galleries in Gens.AnyGalleries
        from purpose in Gens.Purpose
        from max in Gen.Int[1, 100]
        from score in Gen.Int[-10, 10]
        from now in Gens.Time
        select Signer.Issue(new AgreementKey(owner, requester), version, "user", galleries, purpose, new SearchCaps(max, score / 10f), now);

    /// <summary>Every way to change a signed field, each guaranteed to differ from the original.</summary>
    private static readonly Func<SearchTicket, SearchTicket>[] Alterations =
    [
        t => t with { Agreement = t.Agreement with { Owner = Other(t.Agreement.Owner) } },
        t => t with { Agreement = t.Agreement with { Requester = Other(t.Agreement.Requester) } },
        t => t with { AgreementVersion = t.AgreementVersion + 1 },
        t => t with { User = t.User + "x" },
        t => t with { Galleries = t.Galleries.Add(new GalleryId("AQ", "extra")) },
        t => t with { Galleries = t.Galleries.IsEmpty ? [new GalleryId("AQ", "x")] : t.Galleries.RemoveAt(0) },
        t => t with { Purpose = t.Purpose with { Offence = t.Purpose.Offence + "x" } },
        t => t with { Purpose = t.Purpose with { CaseReference = t.Purpose.CaseReference + "x" } },
        t => t with { Purpose = t.Purpose with { Subject = t.Purpose.Subject + 1 } },
        t => t with { Purpose = t.Purpose with { Justification = t.Purpose.Justification + "x" } },
        t => t with { MaxCandidates = t.MaxCandidates + 1 },
        t => t with { MinScore = t.MinScore - 0.01f },
        t => t with { IssuedAt = t.IssuedAt.AddTicks(-1) },
        t => t with { ExpiresAt = t.ExpiresAt.AddHours(1) },
        t => t with { Nonce = t.Nonce + "0" },
        t => t with { Signature = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) },
        t => t with { Signature = "not base64!" },
        t => t with { Signature = string.Empty },
    ];

    [Fact]
    public void A_fresh_ticket_verifies_until_it_expires()
    {
        Gen.Select(Ticket, Gen.Int[0, 59_999]).Sample((ticket, ms) =>
        {
            Assert.Equal(TicketCheck.Valid, Signer.Verify(ticket, ticket.IssuedAt.AddMilliseconds(ms)));
            Assert.Equal(TicketCheck.Expired, Signer.Verify(ticket, ticket.ExpiresAt.AddMilliseconds(ms)));
        }, iter: 500);
    }

    [Fact]
    public void Every_altered_field_breaks_the_signature()
    {
        Ticket.Sample(ticket =>
        {
            foreach (var alter in Alterations)
            {
                Assert.Equal(TicketCheck.BadSignature, Signer.Verify(alter(ticket), ticket.IssuedAt));
            }
        }, iter: 300);
    }

    [Fact]
    public void Tickets_of_another_grid_secret_are_forgeries()
    {
        var forger = TestKeys.Signer(Lifetime);
        Ticket.Sample(ticket =>
        {
            var forged = forger.Issue(ticket.Agreement, ticket.AgreementVersion, ticket.User, ticket.Galleries, ticket.Purpose,
                new SearchCaps(ticket.MaxCandidates, ticket.MinScore), ticket.IssuedAt);
            Assert.Equal(TicketCheck.BadSignature, Signer.Verify(forged, ticket.IssuedAt));
        }, iter: 300);
    }

    [Fact]
    public void A_signer_with_a_longer_lifetime_cannot_outlive_the_verifier()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var generous = TestKeys.Signer(TimeSpan.FromHours(1), key);
        var strict = TestKeys.Signer(Lifetime, key);
        var ticket = generous.Issue(new AgreementKey(Samples.De, Samples.Nl), 1, "u", [], Samples.Purpose(), SearchCaps.Unlimited, Samples.Now);
        Assert.Equal(TicketCheck.BadWindow, strict.Verify(ticket, Samples.Now));
        Assert.Equal(TicketCheck.BadWindow, Signer.Verify(Signer.Issue(ticket.Agreement, 1, "u", [], Samples.Purpose(), SearchCaps.Unlimited, Samples.Now.AddMinutes(5)), Samples.Now));
    }

    [Fact]
    public void A_shard_accepts_only_its_own_force_or_a_ticket_for_exactly_this_search()
    {
        var check = new ShardAccessCheck(Signer);
        var gallery = new GalleryId("DE-BKA", "suspects");
        var searcher = Samples.User(Samples.Nl, Role.Searcher);
        var purpose = Samples.Purpose();
        var ticket = Signer.Issue(new AgreementKey(Samples.De, Samples.Nl), 3, searcher.User, [gallery], purpose, new SearchCaps(5, 0.5f), Samples.Now);

        Assert.Equal(new SearchCaps(5, 0.5f), check.Check(gallery, searcher, purpose, ticket, Samples.Now).Caps);
        Assert.True(check.Check(gallery, Samples.User(Samples.De, Role.Searcher), purpose, null, Samples.Now).Allowed);
        Assert.False(check.Check(gallery, searcher, purpose, null, Samples.Now).Allowed);
        Assert.False(check.Check(gallery, searcher, purpose, ticket, Samples.Now.AddMinutes(2)).Allowed);
        Assert.False(check.Check(gallery, searcher with { User = "mallory" }, purpose, ticket, Samples.Now).Allowed);
        Assert.False(check.Check(gallery, Samples.User(Samples.Nl, Role.Auditor), purpose, ticket, Samples.Now).Allowed);
        Assert.False(check.Check(new GalleryId("DE-BKA", "victims"), searcher, purpose, ticket, Samples.Now).Allowed);
        Assert.False(check.Check(new GalleryId("FR-PN", "suspects"), searcher, purpose, ticket, Samples.Now).Allowed);
        Assert.False(check.Check(gallery, searcher, Samples.Purpose("terrorism"), ticket, Samples.Now).Allowed);
        Assert.False(check.Check(gallery, searcher, purpose with { CaseReference = "" }, ticket, Samples.Now).Allowed);
    }

    [Fact]
    public void A_forces_silo_can_neither_sign_for_another_force_nor_pass_its_own_key_off_as_the_owners()
    {
        // NL and DE each run their own silos: each holds its own secret and only the other's public key.
        var cluster = RandomNumberGenerator.GetBytes(32);
        var (nlSecret, deSecret) = (RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
        var nlSilo = TestKeys.Keys(cluster, o =>
        {
            o.Forces[Samples.Nl.Value] = new ForceKeyOptions { Secret = Convert.ToBase64String(nlSecret) };
            o.Forces[Samples.De.Value] = new ForceKeyOptions { PublicKey = GridKeys.PublicKeyFromSecret(deSecret, Samples.De) };
        });
        var deSilo = TestKeys.Keys(cluster, o =>
        {
            o.Forces[Samples.De.Value] = new ForceKeyOptions { Secret = Convert.ToBase64String(deSecret) };
            o.Forces[Samples.Nl.Value] = new ForceKeyOptions { PublicKey = GridKeys.PublicKeyFromSecret(nlSecret, Samples.Nl) };
        });
        var atNl = new SearchTicketSigner(nlSilo, Lifetime);
        var atDe = new SearchTicketSigner(deSilo, Lifetime);
        var nlGallery = new GalleryId(Samples.Nl.Value, "suspects");

        // DE's silo holds no NL key: it cannot issue NL's tickets at all.
        Assert.Throws<GridAccessDeniedException>(() => atDe.Issue(new AgreementKey(Samples.Nl, Samples.De), 1, "u", [nlGallery], Samples.Purpose(), SearchCaps.Unlimited, Samples.Now));

        // A ticket claiming NL as owner but signed with DE's key (as a DE silo could) fails at NL's shard.
        var deKey = deSilo.SigningKey(Samples.De)!;
        var minted = new SearchTicketSigner(_ => deKey, _ => null, Lifetime)
            .Issue(new AgreementKey(Samples.Nl, Samples.De), 1, "u", [nlGallery], Samples.Purpose(), SearchCaps.Unlimited, Samples.Now);
        Assert.Equal(TicketCheck.BadSignature, atNl.Verify(minted, Samples.Now));

        // NL's own tickets verify at NL and (with NL's public key) anywhere.
        var real = atNl.Issue(new AgreementKey(Samples.Nl, Samples.De), 1, "u", [nlGallery], Samples.Purpose(), SearchCaps.Unlimited, Samples.Now);
        Assert.Equal(TicketCheck.Valid, atNl.Verify(real, Samples.Now));
        Assert.Equal(TicketCheck.Valid, atDe.Verify(real, Samples.Now));
        // The cluster secret alone (a shared-pool silo) no longer signs for NL: its tickets are forgeries too.
        var pool = TestKeys.Signer(Lifetime, cluster);
        Assert.Throws<GridAccessDeniedException>(() => new SearchTicketSigner(TestKeys.Keys(cluster, o =>
            o.Forces[Samples.Nl.Value] = new ForceKeyOptions { PublicKey = GridKeys.PublicKeyFromSecret(nlSecret, Samples.Nl) }), Lifetime)
            .Issue(real.Agreement, 1, "u", [nlGallery], Samples.Purpose(), SearchCaps.Unlimited, Samples.Now));
        Assert.Equal(TicketCheck.BadSignature, atNl.Verify(pool.Issue(real.Agreement, 1, "u", [nlGallery], Samples.Purpose(), SearchCaps.Unlimited, Samples.Now), Samples.Now));
    }

    [Fact]
    public void A_country_silos_secret_covers_its_agencies_and_the_pool_cannot_stand_in_for_it()
    {
        var cluster = RandomNumberGenerator.GetBytes(32);
        var deSilo = new SearchTicketSigner(TestKeys.Keys(cluster, o =>
            o.Forces["DE"] = new ForceKeyOptions { Secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }), Lifetime);
        var pool = TestKeys.Signer(Lifetime, cluster);
        var key = new AgreementKey(Samples.De, Samples.Nl); // DE-BKA, an agency of the DE-labelled silo
        var gallery = new GalleryId(Samples.De.Value, "suspects");

        var real = deSilo.Issue(key, 1, "u", [gallery], Samples.Purpose(), SearchCaps.Unlimited, Samples.Now);
        Assert.Equal(TicketCheck.Valid, deSilo.Verify(real, Samples.Now));
        var fromPool = pool.Issue(key, 1, "u", [gallery], Samples.Purpose(), SearchCaps.Unlimited, Samples.Now);
        Assert.Equal(TicketCheck.BadSignature, deSilo.Verify(fromPool, Samples.Now));
        Assert.Equal(TicketCheck.BadSignature, pool.Verify(real, Samples.Now)); // fails closed without DE's public key
    }

    private static ForceId Other(ForceId force) => Gens.Forces.First(f => f != force);
}
