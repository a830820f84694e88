using Grid.Protocol.Galleries;

namespace Grid.Protocol.Audit;

/// <summary>One link of a force's hash chain (see docs/SECURITY.md for the hash's encoding).</summary>
public sealed record AuditEntry(
    long Seq,
    DateTimeOffset Time,
    AuditKind Kind,
    string Actor,
    string Force,
    string? Partner,
    string? Offence,
    string? CaseReference,
    GalleryId[] GalleriesAsked,
    GalleryId[] GalleriesAnswered,
    int CandidateCount,
    string Detail,
    string PrevHash,
    string Hash);
