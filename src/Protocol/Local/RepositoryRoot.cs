namespace Grid.Protocol.Local;

/// <summary>Finds the checkout this code runs from: the nearest folder above a start folder that holds Grid.sln.
/// The one root finder of the repository (face models, tests, benchmarks and the local-cluster tool use it).</summary>
public static class RepositoryRoot
{
    public const string SolutionFileName = "Grid.sln";

    /// <summary>The folder holding Grid.sln above <paramref name="startDirectory"/> (default: the app's base directory),
    /// or null when the app does not run from a checkout (an installed client).</summary>
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

    /// <summary>The checkout above the app, else above the current folder; throws with what to do when there is none.</summary>
    public static string Find() =>
        TryFind() ?? TryFind(Environment.CurrentDirectory)
        ?? throw new InvalidOperationException($"No {SolutionFileName} above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}: run from inside the repository.");
}
