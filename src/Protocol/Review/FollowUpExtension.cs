namespace Grid.Protocol.Review;

/// <summary>Moves a follow-up's deadline while a judicial authorisation is sought.</summary>
/// <param name="Authorisation">What is awaited (the authority and its reference).</param>
/// <param name="Until">The new deadline.</param>
public sealed record FollowUpExtension(string Authorisation, DateTimeOffset Until);
