namespace Grid.Client.Tests.Support;

/// <summary>A scratch folder removed at the end of the test.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "grid-client-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Creates a file (and its folders) under the scratch folder; returns its full path.</summary>
    public string File(string relativePath, string content = "x")
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, content);
        return full;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
