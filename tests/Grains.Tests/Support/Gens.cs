using System.Collections.Immutable;
using CsCheck;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Sharing;

namespace Grid.Grains.Tests.Support;

/// <summary>Generators over a small world (four forces, three gallery names) so collisions happen often.</summary>
public static class Gens
{
    public static readonly ForceId[] Forces = [.. new[] { "NL-KLPD", "DE-BKA", "FR-PN", "BE" }.Select(ForceId.Parse)];
    public static readonly string[] GalleryNames = ["suspects", "convicted", "missing"];

    /// <summary>Serious, humanitarian and minor offences, so the threshold rule is exercised.</summary>
    public static readonly string[] Offences = ["murder", "terrorism", "fraud", "missing-person", "minor-theft"];

    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly Gen<ForceId> Force = Gen.OneOf(Forces);

    public static readonly Gen<Role> Roles = Gen.Int[0, 63].Select(r => (Role)r);

    /// <summary>A time within about 40 days of the epoch, to the minute.</summary>
    public static readonly Gen<DateTimeOffset> Time = Gen.Int[0, 60 * 24 * 40].Select(m => Epoch.AddMinutes(m));

    public static Gen<ImmutableArray<T>> SubsetOf<T>(IReadOnlyList<T> items) =>
        Gen.Bool.Array[items.Count].Select(mask => items.Where((_, i) => mask[i]).ToImmutableArray());

    public static readonly Gen<ImmutableArray<GalleryId>> AnyGalleries =
        SubsetOf([.. Forces.SelectMany(f => GalleryNames.Select(n => new GalleryId(f.Value, n)))]);

    public static readonly Gen<SearchPurpose> Purpose =
        from offence in Gen.OneOf(Offences)
        from subject in Gen.Int[0, 5]
        from complete in Gen.Int[0, 9]
        select new SearchPurpose(offence, complete == 0 ? "" : "CASE-1", (SubjectCategory)subject, "Reason stated for the record.");

    public static Gen<AgreementTerms> Terms(ForceId owner) =>
        from galleries in SubsetOf(GalleryNames)
        from offences in SubsetOf(Offences)
        from max in Gen.Int[1, 50]
        from minScore in Gen.Int[-10, 10]
        from quota in Gen.Int[1, 5]
        from start in Time
        from days in Gen.Int[-5, 30]
        select new AgreementTerms(
            [.. galleries.Select(n => new GalleryId(owner.Value, n))], offences, max, minScore / 10f, quota, start, start.AddDays(days));

    public static Gen<AgreementView> View(ForceId owner, ForceId requester) =>
        from status in Gen.Enum<AgreementStatus>()
        from terms in Terms(owner)
        from version in Gen.Int[1, 9]
        select new AgreementView(new AgreementKey(owner, requester), version, status, terms, []);
}
