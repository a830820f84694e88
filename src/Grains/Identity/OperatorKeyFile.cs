namespace Grid.Grains.Identity;

/// <summary>
/// Where the first <c>up</c> leaves the operator key: a file readable and writable by its owner
/// only (0600), created with that mode so there is no moment at which others could read it.
/// </summary>
public static class OperatorKeyFile
{
    public static void Write(string path, string key)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.Write(key);
    }

    public static string Read(string path) => File.ReadAllText(path).Trim();
}
