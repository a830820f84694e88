namespace Grid.Contracts.Identity;

/// <summary>
/// A key on disk: readable and writable by its owner only (0600), created with that mode so there is no
/// moment at which others could read it, and never overwritten (a key is shown once). Used for the operator
/// key the grid writes at its first start and for keys <c>gridctl</c> writes with <c>--key-out</c>.
/// </summary>
public static class KeyFile
{
    public static void Write(string path, string key)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.Write(key);
    }

    public static string Read(string path) => File.ReadAllText(path).Trim();
}
