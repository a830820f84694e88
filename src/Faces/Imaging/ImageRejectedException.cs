namespace Grid.Faces.Imaging;

/// <summary>The input cannot be used as a photo; <see cref="Reason"/> says why in a form callers can branch on.</summary>
public sealed class ImageRejectedException : Exception
{
    public ImageRejectedException(ImageRejectionReason reason, string detail)
        : base($"Image rejected ({reason}): {detail}")
    {
        Reason = reason;
    }

    public ImageRejectionReason Reason { get; }
}
