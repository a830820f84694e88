using Grid.Protocol.Galleries;

namespace Grid.Protocol.Search;

/// <summary>A gallery the search named but may not see: <see cref="Reason"/> is the stable code of the cause
/// (<c>no-agreement</c>, <c>purpose-not-covered</c>, <c>quota-exhausted</c>...), <see cref="Message"/> says it for people.
/// Refusals are reported, not hidden, so the examiner knows what was not searched.</summary>
public sealed record SearchRefusal(GalleryId Gallery, string Reason, string Message);
