namespace Grid.Grains.Galleries;

/// <summary>One stored template of a subject: its index id and a hash of its (normalised) floats,
/// used to recognise a resent template.</summary>
public readonly record struct TemplateEntry(long Id, ulong VectorHash);
