using Grid.Faces.Detection;
using Grid.Faces.Embedding;
using Grid.Faces.Landmarks;
using Grid.Faces.Quality;

namespace Grid.Faces.Pipeline;

/// <summary>One face of a photo, in pixels of the upright full-resolution photo, with its template.</summary>
public sealed record DetectedFace(
    FaceBox Box,
    float DetectionScore,
    FaceLandmarks Landmarks,
    FaceQuality Quality,
    FaceTemplate Template);
