using Grid.Protocol.Galleries;

namespace Grid.Protocol.Review;

/// <summary>
/// A follow-up request as both forces see it. <see cref="Id"/> is <c>OWNER/REQUESTER.searchId.rank</c>.
/// <see cref="CoreData"/> is present only in the requesting case, once released and until retention removes it
/// (<see cref="CoreDataRemovedAt"/>); lists never carry it. <see cref="Overdue"/>: unanswered past <see cref="DueAt"/>.
/// </summary>
public sealed record FollowUpView(
    string Id,
    string Owner,
    string Requester,
    string SearchId,
    int Rank,
    GalleryId Gallery,
    string SubjectRef,
    FollowUpRequest Request,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset DueAt,
    FollowUpStatus Status,
    string? Extension,
    string? AnsweredBy,
    DateTimeOffset? AnsweredAt,
    string? DeclineReason,
    SubjectCoreData? CoreData,
    DateTimeOffset? CoreDataRemovedAt,
    bool Overdue,
    string CaseReference);
