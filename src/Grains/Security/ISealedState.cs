namespace Grid.Grains.Security;

/// <summary>Grain state that grants access and therefore carries a MAC (<see cref="StateSeal"/>) over the rest of itself.</summary>
public interface ISealedState
{
    /// <summary>Hex HMAC-SHA256 under the silo-held seal key; empty in state written before issue 9.</summary>
    string Seal { get; set; }
}
