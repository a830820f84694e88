using Grid.Faces.Pipeline;

namespace Grid.Client.Faces;

/// <summary>The face of a probe photo a search starts from, and which of the photo's faces it is.</summary>
public sealed record ImageProbe(string Path, int FaceIndex, int FacesInImage, DetectedFace Face)
{
    public float[] Template => Face.Template.Vector;

    public string ModelId => Face.Template.ModelId.Value;
}
