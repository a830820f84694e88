using Grid.Protocol.Local;

namespace Grid.Client;

/// <summary>Defaults for the local operator: the grid <c>./grid.sh up</c> started on this machine (values from
/// <see cref="LocalGridDefaults"/>, shared with the local-cluster tool).</summary>
public static class LocalDefaults
{
    /// <summary>The API port of the first local silo: <c>GRID_API_PORT_BASE</c>, else 8443.</summary>
    public static int ApiPort() => LocalGridDefaults.ApiPort();

    /// <summary><c>GRID_ENDPOINT</c>, else <c>https://localhost:{ApiPort}/</c>.</summary>
    public static Uri Endpoint() =>
        Environment.GetEnvironmentVariable(GridClientOptions.EndpointVariable) is { Length: > 0 } endpoint
            ? new Uri(endpoint.EndsWith('/') ? endpoint : endpoint + "/")
            : new Uri($"https://localhost:{ApiPort()}/");

    /// <summary><c>GRID_CA_FILE</c>, else <c>keys/ca.crt</c> in <c>GRID_DATA</c> or <c>./.data</c> when it exists.</summary>
    public static string? CaFile()
    {
        if (Environment.GetEnvironmentVariable(GridClientOptions.CaFileVariable) is { Length: > 0 } file) return file;
        var data = Environment.GetEnvironmentVariable(LocalGridDefaults.DataVariable) is { Length: > 0 } d
            ? d : Path.Combine(Environment.CurrentDirectory, LocalGridDefaults.DataFolderName);
        var local = Path.Combine(data, LocalGridDefaults.KeysFolderName, LocalGridDefaults.CaFileName);
        return File.Exists(local) ? local : null;
    }
}
