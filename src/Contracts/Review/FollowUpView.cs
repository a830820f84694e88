using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;

namespace Grid.Contracts.Review;

/// <summary>
/// A follow-up request as both forces see it. The owner's copy never carries <see cref="CoreData"/> (the owner holds
/// the record itself); the requester's case copy carries it once released, until retention removes it
/// (<see cref="CoreDataRemovedAt"/>). <see cref="Overdue"/> is computed from the clock when the view is made.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.follow-up-view")]
public sealed record FollowUpView(
    [property: Id(0)] string Id,
    [property: Id(1)] ForceId Owner,
    [property: Id(2)] ForceId Requester,
    [property: Id(3)] string SearchId,
    [property: Id(4)] int Rank,
    [property: Id(5)] GalleryId Gallery,
    [property: Id(6)] string SubjectRef,
    [property: Id(7)] FollowUpRequest Request,
    [property: Id(8)] string RequestedBy,
    [property: Id(9)] DateTimeOffset RequestedAt,
    [property: Id(10)] DateTimeOffset DueAt,
    [property: Id(11)] FollowUpStatus Status,
    [property: Id(12)] string? Extension,
    [property: Id(13)] string? AnsweredBy,
    [property: Id(14)] DateTimeOffset? AnsweredAt,
    [property: Id(15)] string? DeclineReason,
    [property: Id(16)] SubjectCoreData? CoreData,
    [property: Id(17)] DateTimeOffset? CoreDataRemovedAt,
    [property: Id(18)] bool Overdue,
    [property: Id(19)] string CaseReference);
