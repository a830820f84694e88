using System.CommandLine;
using Grid.Protocol.Galleries;

namespace Grid.Cli.Commands;

public static class CommonOptions
{
    /// <summary>One instance, added to the root as recursive, so every command accepts it.</summary>
    public static readonly Option<string?> KeyFile = new("--key-file")
    {
        Description = "File holding your API key (default: $GRID_API_KEY, else the file named by $GRID_KEY_FILE).",
        Recursive = true,
    };

    /// <summary>The API's address; default $GRID_ENDPOINT, else the local grid (https://localhost:$GRID_API_PORT_BASE or 8443).</summary>
    public static readonly Option<string?> Endpoint = new("--endpoint")
    {
        Description = "The grid's HTTPS API, e.g. https://grid.example:8443/ (default: $GRID_ENDPOINT, else the local grid).",
        Recursive = true,
    };

    /// <summary>The grid's CA certificate; default $GRID_CA_FILE, else the local grid's .data/keys/ca.crt.</summary>
    public static readonly Option<string?> CaFile = new("--ca-file")
    {
        Description = "The grid's CA certificate (PEM), the only authority trusted for the API (default: $GRID_CA_FILE, else the local grid's keys/ca.crt).",
        Recursive = true,
    };

    /// <summary>A client certificate of the caller's force (PEM), issued by the grid's CA; its key beside it (<c>.key</c>).</summary>
    public static readonly Option<string?> ClientCert = new("--client-cert")
    {
        Description = "Your force's client certificate (PEM) from the grid's CA (./grid.sh cert --force F); the key is read from the same path ending .key unless --client-key names it.",
        Recursive = true,
    };

    public static readonly Option<string?> ClientKey = new("--client-key")
    {
        Description = "The private key (PEM) of --client-cert.",
        Recursive = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Write machine-readable JSON lines instead of tables." };

    public static Option<string> Model() => new("--model")
    {
        Description = "Id of the face model that made the templates; must match the gallery's.",
        DefaultValueFactory = _ => GalleryConfig.UnspecifiedModel,
    };

    public static Argument<string> Gallery() => new("gallery") { Description = "The gallery, FORCE/NAME (e.g. NL/suspects)." };
}
