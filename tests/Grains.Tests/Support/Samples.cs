using System.Collections.Immutable;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Sharing;

namespace Grid.Grains.Tests.Support;

/// <summary>Small fixed values shared by example-based tests.</summary>
public static class Samples
{
    public static readonly ForceId Nl = ForceId.Parse("NL-KLPD");
    public static readonly ForceId De = ForceId.Parse("DE-BKA");
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static SearchPurpose Purpose(string offence = "murder") =>
        new(offence, "CASE-2026-0042", SubjectCategory.Suspect, "Suspect filmed at the scene of a homicide.");

    public static AgreementTerms Terms(ForceId owner, int quota = 10) => new(
        [new GalleryId(owner.Value, "suspects"), new GalleryId(owner.Value, "convicted")],
        ["murder", "terrorism"],
        MaxCandidates: 20,
        MinScore: 0.4f,
        DailyQuota: quota,
        ValidFrom: Now.AddDays(-1),
        ValidUntil: Now.AddYears(1));

    public static Principal User(ForceId force, Role roles, string user = "alice") => new(force, user, roles, false);

    public static ImmutableArray<GalleryId> Galleries(ForceId owner, params string[] names) =>
        [.. names.Select(n => new GalleryId(owner.Value, n))];
}
