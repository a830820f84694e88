namespace Grid.Faces.Models;

/// <summary>A model file is missing or not the pinned one; the message says which file and how to fix it.</summary>
public sealed class FaceModelUnavailableException : Exception
{
    public const string SetupCommand = "./grid.sh setup";

    public FaceModelUnavailableException(string filePath, string problem)
        : base($"Face model '{filePath}' {problem}. Run '{SetupCommand}' (it calls infra/fetch-models.sh) to fetch the pinned models.")
    {
        FilePath = filePath;
    }

    public string FilePath { get; }
}
