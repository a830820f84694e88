using System.Collections.Immutable;
using System.Security.Cryptography;
using CsCheck;
using Grid.Contracts.Audit;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Grains.Audit;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Audit;

public class AuditChainProperties
{
    private static readonly byte[] Key = TestKeys.Audit(Samples.Nl);

    private static readonly Gen<AuditEvent> Event =
        from kind in Gen.Enum<AuditKind>()
        from actor in Gen.OneOf("NL-KLPD:alice", "DE-BKA:bob", "system")
        from hasPartner in Gen.Bool
        from partner in Gens.Force
        from offence in Gen.OneOf<string?>(null, "murder", "terrorism")
        from caseRef in Gen.OneOf<string?>(null, "C-1", "C-2")
        from asked in Gens.AnyGalleries
        from answered in Gens.AnyGalleries
        from count in Gen.Int[0, 100]
        from detail in Gen.OneOf("", "ok", "quota exhausted")
        select new AuditEvent(kind, actor, hasPartner ? partner : null, offence, caseRef, asked, answered, count, detail);

    /// <summary>A chain of 1 to 12 entries, a minute or so apart.</summary>
    private static readonly Gen<AuditChain> Chain =
        from events in Gen.Select(Event, Gen.Int[0, 5]).Array[1, 12]
        select Build(events);

    /// <summary>Every field of an entry, each changed to a value certain to differ.</summary>
    private static readonly (string Field, Func<AuditEntry, AuditEntry> Alter)[] Alterations =
    [
        ("seq", e => e with { Seq = e.Seq + 100 }),
        ("time", e => e with { Time = e.Time.AddTicks(1) }),
        ("kind", e => e with { Kind = (AuditKind)((int)e.Kind % 7 + 1) }),
        ("actor", e => e with { Actor = e.Actor + "x" }),
        ("force", e => e with { Force = ForceId.Parse("FR-PN") }),
        ("partner", e => e with { Partner = e.Partner is null ? ForceId.Parse("BE") : null }),
        ("offence", e => e with { Offence = e.Offence + "x" }),
        ("caseRef", e => e with { CaseReference = e.CaseReference + "x" }),
        ("asked", e => e with { GalleriesAsked = e.GalleriesAsked.Add(new GalleryId("BE", "x")) }),
        ("answered", e => e with { GalleriesAnswered = e.GalleriesAnswered.Add(new GalleryId("BE", "x")) }),
        ("count", e => e with { CandidateCount = e.CandidateCount + 1 }),
        ("detail", e => e with { Detail = e.Detail + "x" }),
        ("prevHash", e => e with { PrevHash = Flip(e.PrevHash) }),
        ("hash", e => e with { Hash = Flip(e.Hash) }),
    ];

    [Fact]
    public void An_untouched_chain_verifies_and_after_pruning_still_does()
    {
        Gen.Select(Chain, Gen.Int[0, 12]).Sample((chain, keep) =>
        {
            Assert.True(chain.Verify(chain.HeadSeq, chain.HeadHash).Intact);
            var (seq, hash) = (chain.HeadSeq, chain.HeadHash);
            var cutoff = chain.Entries[Math.Min(keep, chain.Entries.Count - 1)].Time;
            chain.Prune(cutoff);
            var result = chain.Verify(seq, hash);
            Assert.True(result.Intact, result.Problem);
            Assert.Equal(hash, result.HeadHash);
        }, iter: 300);
    }

    [Fact]
    public void Every_altered_field_of_every_entry_is_detected_at_that_entry()
    {
        Chain.Sample(chain =>
        {
            var export = chain.Export();
            for (var i = 0; i < export.Entries.Length; i++)
            {
                foreach (var (field, alter) in Alterations)
                {
                    var tampered = export with { Entries = export.Entries.SetItem(i, alter(export.Entries[i])) };
                    var result = AuditChain.Verify(tampered, Key, chain.HeadSeq, chain.HeadHash);
                    Assert.False(result.Intact, $"altering {field} of entry {i + 1} went unnoticed");
                    Assert.Equal(export.Entries[i].Seq, result.FirstBadSeq);
                }
            }
        }, iter: 200);
    }

    [Fact]
    public void Altering_an_entry_and_rehashing_it_is_still_detected()
    {
        Chain.Sample(chain =>
        {
            var export = chain.Export();
            for (var i = 0; i < export.Entries.Length; i++)
            {
                foreach (var (field, alter) in Alterations.Where(a => a.Field is not ("hash" or "seq")))
                {
                    var altered = alter(export.Entries[i]);
                    altered = altered with { Hash = AuditChain.ComputeHash(altered, Key) };
                    var tampered = export with { Entries = export.Entries.SetItem(i, altered) };
                    Assert.False(AuditChain.Verify(tampered, Key, chain.HeadSeq, chain.HeadHash).Intact, $"rehashed {field} of entry {i + 1} went unnoticed");
                }
            }
        }, iter: 200);
    }

    [Fact]
    public void Removing_any_entry_is_detected()
    {
        Chain.Sample(chain =>
        {
            var export = chain.Export();
            for (var i = 0; i < export.Entries.Length; i++)
            {
                var tampered = export with { Entries = export.Entries.RemoveAt(i) };
                var result = AuditChain.Verify(tampered, Key, chain.HeadSeq, chain.HeadHash);
                Assert.False(result.Intact, $"removing entry {i + 1} went unnoticed");
                Assert.Equal(export.Entries[i].Seq, result.FirstBadSeq);
            }
        }, iter: 300);
    }

    [Fact]
    public void Swapping_any_two_entries_is_detected()
    {
        Chain.Where(c => c.Entries.Count >= 2).Sample(chain =>
        {
            var export = chain.Export();
            for (var i = 0; i < export.Entries.Length; i++)
            {
                for (var j = i + 1; j < export.Entries.Length; j++)
                {
                    var tampered = export with
                    {
                        Entries = export.Entries.SetItem(i, export.Entries[j]).SetItem(j, export.Entries[i]),
                    };
                    var result = AuditChain.Verify(tampered, Key, chain.HeadSeq, chain.HeadHash);
                    Assert.False(result.Intact, $"swapping {i + 1} and {j + 1} went unnoticed");
                    Assert.Equal(export.Entries[i].Seq, result.FirstBadSeq);
                }
            }
        }, iter: 300);
    }

    /// <summary>Issue 9: the chain used to be plain SHA-256, so an insider rewrote an entry and recomputed every hash
    /// after it. Without the silo-held key, any such rewrite — plain SHA-256 or HMAC under a guessed key — fails at that entry.</summary>
    [Fact]
    public void A_rewrite_rehashed_without_the_key_is_detected_at_the_rewritten_entry()
    {
        var guessed = RandomNumberGenerator.GetBytes(32);
        Chain.Sample(chain =>
        {
            var export = chain.Export();
            foreach (var rehash in new Func<AuditEntry, string>[] { AuditChain.LegacyHash, e => AuditChain.ComputeHash(e, guessed) })
            {
                for (var i = 0; i < export.Entries.Length; i++)
                {
                    // Rewrite entry i and recompute the whole chain from it, as the old attack did.
                    var entries = export.Entries.ToBuilder();
                    var prev = i == 0 ? export.AnchorHash : entries[i - 1].Hash;
                    for (var j = i; j < entries.Count; j++)
                    {
                        var e = entries[j] with { PrevHash = prev, Detail = j == i ? entries[j].Detail + " (edited)" : entries[j].Detail };
                        entries[j] = e with { Hash = rehash(e) };
                        prev = entries[j].Hash;
                    }

                    var result = AuditChain.Verify(export with { Entries = entries.ToImmutable() }, Key, chain.HeadSeq, prev);
                    Assert.False(result.Intact);
                    Assert.Equal(export.Entries[i].Seq, result.FirstBadSeq);
                }
            }
        }, iter: 100);
    }

    private static AuditChain Build((AuditEvent Event, int Minutes)[] events)
    {
        var chain = AuditChain.Empty(Samples.Nl, Key);
        var time = Gens.Epoch;
        foreach (var (e, minutes) in events)
        {
            time = time.AddMinutes(minutes);
            chain.Append(e, time);
        }

        return chain;
    }

    private static string Flip(string hex) => (hex[0] == '0' ? '1' : '0') + hex[1..];
}
