using System.Security.Cryptography;
using CsCheck;
using Grid.Contracts.Identity;
using Grid.Grains.Identity;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Identity;

public class ApiKeyProperties
{
    private static readonly Gen<NewApiKey> Key = Gen.Int.Select(_ => ApiKeyHasher.Create());

    [Fact]
    public void A_key_resolves_to_its_principal_only_while_enabled()
    {
        Gen.Select(Key, Key, Gens.Roles).Sample((key, other, roles) =>
        {
            Assert.True(ApiKeyHasher.TryGetKeyId(key.Key, out var id));
            Assert.Equal(key.KeyId, id);
            Assert.DoesNotContain(key.Key, key.Hash);
            var principal = new Principal(Samples.Nl, "alice", roles, false);
            var state = new ApiKeyState { Hash = key.Hash, Principal = principal };

            Assert.Equal(principal, state.Resolve(ApiKeyHasher.Hash(key.Key)));
            Assert.Null(state.Resolve(ApiKeyHasher.Hash(other.Key)));
            Assert.Null(state.Resolve(ApiKeyHasher.Hash(key.Key[..^1] + (key.Key[^1] == 'A' ? 'B' : 'A'))));
            state.Disabled = true;
            Assert.Null(state.Resolve(ApiKeyHasher.Hash(key.Key)));
        }, iter: 300);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("isg_0123456789ab")]
    [InlineData("xyz_0123456789ab_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("isg_0123456789AB_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("isg_0123456789ab_AAAA")]
    public void Malformed_keys_have_no_id(string? key) => Assert.False(ApiKeyHasher.TryGetKeyId(key, out _));

    [Fact]
    public void An_empty_record_resolves_nothing() => Assert.Null(new ApiKeyState().Resolve(ApiKeyHasher.Hash("x")));

    [Fact]
    public void Internal_tickets_bind_target_method_principal_arguments_time_and_secret()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var tickets = new InternalCallTicket(key, TimeSpan.FromMinutes(1));
        var stranger = new InternalCallTicket(RandomNumberGenerator.GetBytes(32), TimeSpan.FromMinutes(1));
        var alice = Samples.User(Samples.Nl, Role.Searcher);
        var mallory = Samples.User(Samples.De, Role.Searcher | Role.ForceAdmin, "mallory");
        Gen.Select(Gen.String, Gen.String, Gen.Byte.Array[32], Gen.Int[0, 59]).Sample((target, method, digest, seconds) =>
        {
            var ticket = tickets.Stamp(target, method, alice, digest, Samples.Now);
            Assert.True(tickets.Verify(ticket, target, method, alice, digest, Samples.Now.AddSeconds(seconds)));
            Assert.False(tickets.Verify(ticket, target + "x", method, alice, digest, Samples.Now));
            Assert.False(tickets.Verify(ticket, target, method + "x", alice, digest, Samples.Now));
            Assert.False(tickets.Verify(ticket, target, method, mallory, digest, Samples.Now));
            Assert.False(tickets.Verify(ticket, target, method, alice with { Roles = Role.Searcher | Role.ForceAdmin }, digest, Samples.Now));
            Assert.False(tickets.Verify(ticket, target, method, null, digest, Samples.Now));
            Assert.False(tickets.Verify(ticket, target, method, alice, [.. digest.Select(b => (byte)(b ^ 1))], Samples.Now));
            Assert.False(tickets.Verify(ticket, target, method, alice, digest, Samples.Now.AddMinutes(2)));
            Assert.False(stranger.Verify(ticket, target, method, alice, digest, Samples.Now));
            Assert.False(tickets.Verify(stranger.Stamp(target, method, alice, digest, Samples.Now), target, method, alice, digest, Samples.Now));
            Assert.False(tickets.Verify(ticket.Replace("v2.", "v2.9"), target, method, alice, digest, Samples.Now));
        }, iter: 300);
    }
}
