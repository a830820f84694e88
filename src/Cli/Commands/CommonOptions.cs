using System.CommandLine;
using Grid.Contracts.Galleries;

namespace Grid.Cli.Commands;

public static class CommonOptions
{
    /// <summary>One instance, added to the root as recursive, so every command accepts it.</summary>
    public static readonly Option<string?> KeyFile = new("--key-file")
    {
        Description = "File holding your API key (default: $GRID_API_KEY, else the file named by $GRID_KEY_FILE).",
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
