namespace Grid.Faces.Evaluation;

/// <summary>
/// The search the rank-1 measurement goes through, so the same evaluation can run against the
/// in-memory brute force or a real grid gallery.
/// </summary>
public interface IEvaluationGallery
{
    Task EnrolAsync(string subjectRef, float[] template, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="k"/> subjectRefs, best match first, one per subject.</summary>
    Task<IReadOnlyList<string>> SearchAsync(float[] probe, int k, CancellationToken cancellationToken = default);
}
