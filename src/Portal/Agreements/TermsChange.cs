namespace Grid.Portal.Agreements;

/// <summary>One term that differs between the version the requester last accepted and the one proposed now.</summary>
public sealed record TermsChange(string Term, string Before, string After);
