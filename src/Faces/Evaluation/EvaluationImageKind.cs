namespace Grid.Faces.Evaluation;

/// <summary>The role of a photo in a faces-dev style folder, given by its top folder.</summary>
public enum EvaluationImageKind
{
    /// <summary><c>images/&lt;identity&gt;/…</c>: one main face of a known identity.</summary>
    SingleFace,
    /// <summary><c>multi/…</c>: several faces, identities joined with ';'.</summary>
    MultiFace,
    /// <summary><c>negatives/…</c>: no human face.</summary>
    Negative,
}
