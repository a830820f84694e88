using Grid.Protocol.Identity;

namespace Grid.Client;

/// <summary>Where a client finds its API key: <c>GRID_API_KEY</c>, or a key file (<c>--key-file</c> / <c>GRID_KEY_FILE</c>).</summary>
public static class ApiKeys
{
    /// <summary>The variable holding a key itself.</summary>
    public const string KeyVariable = "GRID_API_KEY";

    /// <summary>The variable naming a key file.</summary>
    public const string KeyFileVariable = "GRID_KEY_FILE";

    /// <summary>The key from the environment, or null.</summary>
    public static string? FromEnvironment() =>
        Environment.GetEnvironmentVariable(KeyVariable) is { Length: > 0 } key ? key.Trim()
        : Environment.GetEnvironmentVariable(KeyFileVariable) is { Length: > 0 } path ? FromFile(path)
        : null;

    /// <summary>The key in <paramref name="path"/>.</summary>
    public static string FromFile(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Key file '{path}' does not exist. The operator's key is written by the first `./grid.sh up`; users' keys are printed once by `gridctl user add`.", path);
        var key = KeyFile.Read(path);
        return key.Length > 0 ? key : throw new InvalidDataException($"Key file '{path}' is empty.");
    }
}
