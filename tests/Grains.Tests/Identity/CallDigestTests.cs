using System.Reflection;
using System.Security.Cryptography;
using Grid.Contracts.Search;
using Grid.Contracts.Sharing;
using Grid.Grains.Identity;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Invocation;
using Xunit;

namespace Grid.Grains.Tests.Identity;

/// <summary>The internal ticket's argument digest: the same bytes whether an immutable argument's wire form is made
/// afresh or reused, so silos of either version agree and a received copy digests as the sent instance did.</summary>
public class CallDigestTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(ShardSearch).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static readonly SearchPurpose Purpose = new("fraud", "CASE-1", SubjectCategory.Suspect, "Reason stated for the record.");

    [Fact]
    public void An_immutable_argument_digests_the_same_sent_again_received_as_a_copy_and_as_before_the_cache()
    {
        var digest = new CallDigest(Serializer);
        var probe = Enumerable.Range(0, 512).Select(i => MathF.Sin(i)).ToArray();
        var search = new ShardSearch(probe, "model-a", 10, -1f, Purpose, null);

        var first = digest.Of(new ArgumentsOnly(search, CancellationToken.None));
        Assert.Equal(first, digest.Of(new ArgumentsOnly(search, CancellationToken.None)));
        // Another silo receives a deserialized copy (a new instance): it must come to the same digest.
        Assert.Equal(first, digest.Of(new ArgumentsOnly(Serializer.Deserialize<ShardSearch>(Serializer.SerializeToArray(search)), CancellationToken.None)));
        // The digest's definition is unchanged: SHA-256 over each argument's index and wire form (as an object), tokens left out.
        Assert.Equal(SHA256.HashData([.. BitConverter.GetBytes(0), .. Serializer.SerializeToArray<object?>(search)]), first);
        // Other arguments, other digest: a ticket still binds what it was stamped for.
        Assert.NotEqual(first, digest.Of(new ArgumentsOnly(search with { K = 9 }, CancellationToken.None)));
        Assert.NotEqual(first, digest.Of(new ArgumentsOnly(search with { Probe = [.. probe.Reverse()] }, CancellationToken.None)));
    }

    [Fact]
    public void A_mutable_argument_is_serialized_for_every_digest()
    {
        var digest = new CallDigest(Serializer);
        var list = new List<int> { 1, 2 };
        var before = digest.Of(new ArgumentsOnly(list));
        list.Add(3);
        Assert.NotEqual(before, digest.Of(new ArgumentsOnly(list)));
    }

    /// <summary>A call's arguments and nothing else: all the digest reads.</summary>
    private sealed class ArgumentsOnly(params object?[] arguments) : IInvokable
    {
        public int GetArgumentCount() => arguments.Length;
        public object? GetArgument(int index) => arguments[index];
        public void SetArgument(int index, object? value) => arguments[index] = value;
        public object? GetTarget() => throw new NotSupportedException();
        public void SetTarget(ITargetHolder holder) => throw new NotSupportedException();
        public ValueTask<Response> Invoke() => throw new NotSupportedException();
        public string GetMethodName() => "Test";
        public string GetInterfaceName() => "ITest";
        public string GetActivityName() => "ITest/Test";
        public MethodInfo GetMethod() => throw new NotSupportedException();
        public Type GetInterfaceType() => throw new NotSupportedException();
        public TimeSpan? GetDefaultResponseTimeout() => null;
        public CancellationToken GetCancellationToken() => CancellationToken.None;
        public bool TryCancel() => false;
        public bool IsCancellable => false;
        public void Dispose() { }
    }
}
