namespace Grid.Protocol.Wire;

/// <summary>How templates and enrolments travel: 512 float32 per template; bulk enrolment is a multipart body whose
/// <see cref="SubjectsPart"/> (text, one subjectRef per line, line i for row i) comes before its
/// <see cref="TemplatesPart"/> (a .npy file, little-endian float32, C order, shape [n, 512]), so the grid can stream the
/// templates into acknowledged batches without holding them all.</summary>
public static class TemplateWire
{
    /// <summary>Floats per template.</summary>
    public const int Dimension = 512;

    /// <summary>The media type of a .npy body or part.</summary>
    public const string NpyMediaType = "application/x-npy";

    /// <summary>The multipart part holding the subjectRefs; must come first.</summary>
    public const string SubjectsPart = "subjects";

    /// <summary>The multipart part holding the .npy templates; must come second.</summary>
    public const string TemplatesPart = "templates";

    /// <summary>Bytes of one template row.</summary>
    public const int RowBytes = Dimension * sizeof(float);
}
