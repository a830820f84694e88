using System.Collections.Immutable;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;

namespace Grid.Contracts.Audit;

/// <summary>
/// What a caller asks to be logged. The log adds sequence, time and hashes. Never put templates,
/// images or personal data here: subject references at most, and only in enrolment entries.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.audit-event")]
public sealed record AuditEvent(
    [property: Id(0)] AuditKind Kind,
    [property: Id(1)] string Actor,
    [property: Id(2)] ForceId? Partner,
    [property: Id(3)] string? Offence,
    [property: Id(4)] string? CaseReference,
    [property: Id(5)] ImmutableArray<GalleryId> GalleriesAsked,
    [property: Id(6)] ImmutableArray<GalleryId> GalleriesAnswered,
    [property: Id(7)] int CandidateCount,
    [property: Id(8)] string Detail,
    [property: Id(9)] AuditHead? PartnerHead = null)
{
    /// <summary>An event that concerns no search: only kind, actor, partner and detail.</summary>
    public static AuditEvent Note(AuditKind kind, string actor, ForceId? partner, string detail) =>
        new(kind, actor, partner, null, null, [], [], 0, detail);
}
