using Grid.Protocol.Galleries;

namespace Grid.Protocol.Search;

/// <summary>Why a search is made; every search states all four. The grid refuses an incomplete purpose before it reads anything.</summary>
/// <param name="Offence">An offence category code (<c>GET /v1/offences</c>).</param>
/// <param name="CaseReference">The case reference (at most 64 printable characters).</param>
/// <param name="Subject">The subject category sought.</param>
/// <param name="Justification">Why the search is necessary (10 to 500 characters).</param>
public sealed record SearchPurpose(string Offence, string CaseReference, SubjectCategory Subject, string Justification);
