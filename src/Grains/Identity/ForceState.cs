using Grid.Grains.Security;

namespace Grid.Grains.Identity;

[GenerateSerializer, Alias("grid.force-state")]
public sealed class ForceState : ISealedState
{
    [Id(0)]
    public bool Created { get; set; }

    [Id(1)]
    public string DisplayName { get; set; } = string.Empty;

    [Id(2)]
    public bool Disabled { get; set; }

    [Id(3)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(4)]
    public Dictionary<string, UserRecord> Users { get; set; } = new(StringComparer.Ordinal);

    [Id(5)]
    public string Seal { get; set; } = string.Empty;
}
