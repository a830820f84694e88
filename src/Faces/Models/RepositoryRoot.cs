namespace Grid.Faces.Models;

/// <summary>Finds the checkout this code runs from: the nearest folder above the app's base directory that holds Grid.sln.</summary>
public static class RepositoryRoot
{
    public const string SolutionFileName = "Grid.sln";

    /// <summary>The folder holding Grid.sln, or null when the app does not run from a checkout (an installed client).</summary>
    public static string? TryFind(string? startDirectory = null)
    {
        for (var dir = new DirectoryInfo(startDirectory ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
