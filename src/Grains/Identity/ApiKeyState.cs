using Grid.Contracts.Identity;
using Grid.Grains.Security;

namespace Grid.Grains.Identity;

/// <summary>The stored record of one key; <see cref="Resolve"/> is the whole authentication decision.</summary>
[GenerateSerializer, Alias("grid.api-key-state")]
public sealed class ApiKeyState : ISealedState
{
    [Id(0)]
    public string Hash { get; set; } = string.Empty;

    [Id(1)]
    public Principal? Principal { get; set; }

    [Id(2)]
    public bool Disabled { get; set; }

    [Id(3)]
    public string Seal { get; set; } = string.Empty;

    /// <summary>The principal for a presented key hash; null when unknown, disabled or not matching.</summary>
    public Principal? Resolve(string presentedHash) =>
        Principal is not null && !Disabled && Hash.Length > 0 && ApiKeyHasher.HashesEqual(presentedHash, Hash) ? Principal : null;
}
