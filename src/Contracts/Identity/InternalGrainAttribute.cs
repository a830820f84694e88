namespace Grid.Contracts.Identity;

/// <summary>
/// Marks a grain interface that only silos may call (shards, agreements' internals, key records).
/// The authentication filter refuses any call to it that lacks a valid internal ticket.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class InternalGrainAttribute : Attribute;
