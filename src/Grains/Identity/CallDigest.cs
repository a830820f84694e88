using System.Security.Cryptography;
using Orleans.Serialization;
using Orleans.Serialization.Invocation;

namespace Grid.Grains.Identity;

/// <summary>
/// SHA-256 over a call's arguments in Orleans' own wire form, so the sender's internal ticket can bind them and the
/// receiver recompute the same digest from what it received. Cancellation tokens are not data and are left out.
/// </summary>
public sealed class CallDigest(Serializer serializer)
{
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
            hash.AppendData(serializer.SerializeToArray(argument));
        }

        return hash.GetHashAndReset();
    }
}
