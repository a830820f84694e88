namespace Grid.Faces.Pipeline;

/// <summary>
/// Size measures an examiner or an enrolment policy can threshold on: templates from faces under
/// about 40 px between the eyes are noticeably less reliable.
/// </summary>
public sealed record FaceQuality(float FaceSizePixels, float InterEyeDistancePixels);
