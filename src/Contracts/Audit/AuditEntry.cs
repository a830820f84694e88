using System.Collections.Immutable;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;

namespace Grid.Contracts.Audit;

/// <summary>
/// One link of a force's hash chain. <see cref="Hash"/> = HMAC-SHA256 under the force's silo-held audit key over
/// <see cref="PrevHash"/> and every other field, hex (entries written before issue 9: plain SHA-256); see AuditChain
/// in the grains. <see cref="PartnerHead"/>: the partner's chain head when this search was logged (partner anchor).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.audit-entry")]
public sealed record AuditEntry(
    [property: Id(0)] long Seq,
    [property: Id(1)] DateTimeOffset Time,
    [property: Id(2)] AuditKind Kind,
    [property: Id(3)] string Actor,
    [property: Id(4)] ForceId Force,
    [property: Id(5)] ForceId? Partner,
    [property: Id(6)] string? Offence,
    [property: Id(7)] string? CaseReference,
    [property: Id(8)] ImmutableArray<GalleryId> GalleriesAsked,
    [property: Id(9)] ImmutableArray<GalleryId> GalleriesAnswered,
    [property: Id(10)] int CandidateCount,
    [property: Id(11)] string Detail,
    [property: Id(12)] string PrevHash,
    [property: Id(13)] string Hash,
    [property: Id(14)] AuditHead? PartnerHead = null);
