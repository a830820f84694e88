namespace Grid.Contracts.Sharing;

/// <summary>The answer of an agreement to one search: a signed ticket, or a refusal with its reason.</summary>
[GenerateSerializer, Immutable, Alias("grid.authorisation")]
public sealed record Authorisation(
    [property: Id(0)] SearchTicket? Ticket,
    [property: Id(1)] RefusalReason Refusal,
    [property: Id(2)] string Message)
{
    public bool Granted => Ticket is not null;

    public static Authorisation Grant(SearchTicket ticket) => new(ticket, RefusalReason.None, "granted");

    public static Authorisation Refuse(RefusalReason reason, string message) => new(null, reason, message);
}
