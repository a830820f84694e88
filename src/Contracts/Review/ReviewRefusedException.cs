using Grid.Contracts.Errors;

namespace Grid.Contracts.Review;

/// <summary>A review, image or follow-up call broke a rule; <see cref="Reason"/> says which. Nothing was changed.
/// (A caller without the needed role or force gets <c>GridAccessDeniedException</c> instead.)</summary>
[GenerateSerializer, Alias("grid.ReviewRefusedException")]
public sealed class ReviewRefusedException : GridException
{
    public ReviewRefusedException(ReviewRefusal reason, string message) : base(message) => Reason = reason;

    [Id(0)]
    public ReviewRefusal Reason { get; private set; }
}
