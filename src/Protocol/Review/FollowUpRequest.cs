namespace Grid.Protocol.Review;

/// <summary>What the requester tells the owner when it asks for core data after a confirmed match (Prüm II Art 47).</summary>
/// <param name="Offence">An offence category code that meets the one-year threshold.</param>
/// <param name="Facts">The facts of the case (20 to 4000 characters).</param>
public sealed record FollowUpRequest(string Offence, string Facts);
