using System.Collections.Immutable;

namespace Grid.Grains.Sharing;

/// <summary>Every requested gallery ends up in exactly one of the two lists.</summary>
public sealed record PermissionDecision(ImmutableArray<GalleryGrant> Granted, ImmutableArray<GalleryRefusal> Refused);
