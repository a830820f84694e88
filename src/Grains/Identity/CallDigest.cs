using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Orleans.Serialization;
using Orleans.Serialization.Invocation;

namespace Grid.Grains.Identity;

/// <summary>
/// SHA-256 over a call's arguments in Orleans' own wire form, so the sender's internal ticket can bind them and the
/// receiver recompute the same digest from what it received. Cancellation tokens are not data and are left out.
/// </summary>
/// <remarks>
/// An argument of an <c>[Immutable]</c> type keeps its wire form per instance: Orleans passes such an instance by
/// reference inside a silo, so a search's one <c>ShardSearch</c> (a 2 KiB probe, serialized element by element) was
/// serialized twice per shard — at the coordinator's stamp and at the shard's check — eight times a search on four
/// shards. Now once. The digest is byte for byte what it was (silos of either version agree), and it still binds what
/// the receiver holds: an instance that came over the wire from another silo is a new object, serialized afresh. Only
/// in-silo code could change an immutable instance after it was sent, and that code holds the ticket key anyway.
/// </remarks>
public sealed class CallDigest(Serializer serializer)
{
    private static readonly ConditionalWeakTable<Type, object?> ImmutableTypes = [];
    private readonly ConditionalWeakTable<object, byte[]> _wireForms = [];

    public byte[] Of(IInvokable request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var count = request.GetArgumentCount();
        Span<byte> index = stackalloc byte[4];
        for (var i = 0; i < count; i++)
        {
            var argument = request.GetArgument(i);
            if (argument is CancellationToken or GrainCancellationToken) continue;
            BitConverter.TryWriteBytes(index, i);
            hash.AppendData(index);
            hash.AppendData(WireForm(argument));
        }

        return hash.GetHashAndReset();
    }

    private byte[] WireForm(object? argument)
    {
        if (argument is null || !IsImmutable(argument.GetType())) return serializer.SerializeToArray(argument);
        if (_wireForms.TryGetValue(argument, out var known)) return known;
        var bytes = serializer.SerializeToArray(argument);
        _wireForms.TryAdd(argument, bytes);
        return bytes;
    }

    /// <summary>Orleans' <c>[Immutable]</c> on the type (the contract records carry it); value types are boxed afresh
    /// for every call, so caching them would only fill the table.</summary>
    private static bool IsImmutable(Type type) =>
        !type.IsValueType && ImmutableTypes.GetValue(type, t => t.GetCustomAttribute<Orleans.ImmutableAttribute>() is null ? null : t) is not null;
}
