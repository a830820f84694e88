namespace Grid.Client.Faces;

/// <summary>Why a photo's faces cannot be used the way the caller asked.</summary>
public enum FaceProblem
{
    /// <summary>The detector found no face.</summary>
    NoFace,
    /// <summary>More than one face and nothing says which one is meant.</summary>
    SeveralFaces,
    /// <summary>The face is too small for a reliable enrolment template.</summary>
    TooSmall,
    /// <summary>The chosen face index is not one of the photo's faces.</summary>
    NoSuchFace,
    /// <summary>The face's quality score is below the floor (blurred, turned away, badly lit, covered...).</summary>
    LowQuality,
}
