using System.Globalization;

namespace Grid.Client;

/// <summary>Defaults for the local operator: the grid <c>./grid.sh up</c> started on this machine.</summary>
public static class LocalDefaults
{
    /// <summary>The API port of the first local silo: <c>GRID_API_PORT_BASE</c>, else 8443.</summary>
    public static int ApiPort() =>
        int.TryParse(Environment.GetEnvironmentVariable("GRID_API_PORT_BASE"), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : 8443;

    /// <summary><c>GRID_ENDPOINT</c>, else <c>https://localhost:{ApiPort}/</c>.</summary>
    public static Uri Endpoint() =>
        Environment.GetEnvironmentVariable(GridClientOptions.EndpointVariable) is { Length: > 0 } endpoint
            ? new Uri(endpoint.EndsWith('/') ? endpoint : endpoint + "/")
            : new Uri($"https://localhost:{ApiPort()}/");

    /// <summary><c>GRID_CA_FILE</c>, else <c>keys/ca.crt</c> in <c>GRID_DATA</c> or <c>./.data</c> when it exists.</summary>
    public static string? CaFile()
    {
        if (Environment.GetEnvironmentVariable(GridClientOptions.CaFileVariable) is { Length: > 0 } file) return file;
        var data = Environment.GetEnvironmentVariable("GRID_DATA") is { Length: > 0 } d ? d : Path.Combine(Environment.CurrentDirectory, ".data");
        var local = Path.Combine(data, "keys", "ca.crt");
        return File.Exists(local) ? local : null;
    }
}
