using Grid.Contracts.Review;

namespace Grid.Grains.Review;

/// <summary>The outcome of a rule: the next value, or the refusal (with <see cref="Forbidden"/> when the caller lacks the
/// role or force, which the grain reports as access denied).</summary>
public sealed record ReviewStep<T>(T? Next, ReviewRefusal Refusal, string? Error, bool Forbidden) where T : class
{
    public bool Succeeded => Next is not null;

    public static ReviewStep<T> To(T next) => new(next, ReviewRefusal.None, null, false);

    public static ReviewStep<T> Deny(string why) => new(null, ReviewRefusal.None, why, true);

    public static ReviewStep<T> Refuse(ReviewRefusal reason, string why) => new(null, reason, why, false);

    /// <summary>The next value, or the typed error a grain throws.</summary>
    public T OrThrow() => Next ?? throw (Forbidden
        ? new Grid.Contracts.Identity.GridAccessDeniedException(Error!)
        : new ReviewRefusedException(Refusal, Error!));
}
