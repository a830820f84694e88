namespace Grid.Client.Faces;

/// <summary>A photo to enrol and the subject it shows.</summary>
public sealed record LabelledImage(string Path, string SubjectRef);
