namespace Grid.Protocol.Identity;

/// <summary>
/// A key on disk: readable and writable by its owner only (0600), created with that mode so there is no
/// moment at which others could read it, and never overwritten (a key is shown once). Used for the operator
/// key the grid writes at its first start and for keys <c>gridctl</c> writes with <c>--key-out</c>.
/// </summary>
public static class KeyFile
{
    /// <summary>Writes <paramref name="key"/> to a new file only its owner can read; refuses to overwrite one.</summary>
    public static void Write(string path, string key)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.Write(key);
    }

    /// <summary>Like <see cref="Write"/>, for a secret the local cluster regenerates (a certificate's private key, a storage
    /// account): the old file is deleted first, so the new one is created 0600 rather than inheriting an old mode.</summary>
    public static void Replace(string path, string key)
    {
        File.Delete(path);
        Write(path, key);
    }

    /// <summary>The key in the file, trimmed.</summary>
    public static string Read(string path) => File.ReadAllText(path).Trim();
}
