using Grid.Grains.Security;

namespace Grid.Grains.Identity;

[GenerateSerializer, Alias("grid.operator-state")]
public sealed class OperatorState : ISealedState
{
    /// <summary>Set once by the first bootstrap; the key itself was shown once and is not kept.</summary>
    [Id(0)]
    public string? OperatorKeyId { get; set; }

    /// <summary>Ids of the member forces, in order of creation.</summary>
    [Id(1)]
    public List<string> Forces { get; set; } = [];

    [Id(2)]
    public string Seal { get; set; } = string.Empty;
}
