using System.Security.Cryptography;
using System.Text;
using Grid.Contracts.Identity;
using Grid.Grains.Backup;
using Xunit;

namespace Grid.Grains.Tests.Backup;

/// <summary>The pure rules of a force's backup: which grain states are the force's, and the manifest's MAC
/// (the real archive round trip through silos and Azurite is tests/Api.Tests/BackupRestoreTests).</summary>
public sealed class BackupRulesTests
{
    private static readonly ForceId Nl = ForceId.Parse("NL");

    [Theory]
    [InlineData("NL", true)]
    [InlineData("NL/suspects", true)]
    [InlineData("NL/suspects/S-1", true)]
    [InlineData("NL->DE", true)]
    [InlineData("DE->NL", true)]
    [InlineData("NL-KLPD", false)]
    [InlineData("NL-KLPD/suspects", false)]
    [InlineData("DE->NL-KLPD", false)]
    [InlineData("0", false)]
    [InlineData("grid", false)]
    public void A_grain_key_is_the_forces_when_it_is_the_force_under_it_or_an_agreement_side(string key, bool belongs) =>
        Assert.Equal(belongs, ForceBlobs.KeyBelongs(key, Nl));

    [Fact]
    public void A_grain_state_blob_name_gives_its_key() =>
        Assert.Equal("NL/suspects", ForceBlobs.GrainKeyOf("gallery-gallery/NL/suspects.json"));

    [Theory]
    [InlineData("""{"Hash":"h","Principal":{"User":"a","Force":"NL","Roles":3}}""", true)]
    [InlineData("""{"Hash":"h","Principal":{"User":"a","Force":{"Value":"NL"}}}""", true)]
    [InlineData("""{"Hash":"h","Principal":{"User":"NL","Force":"DE"}}""", false)]
    [InlineData("""{"Hash":"h","Principal":{"User":"op","Force":null,"IsOperator":true}}""", false)]
    [InlineData("not json", false)]
    public void An_api_key_state_is_the_forces_when_its_principal_names_the_force(string json, bool belongs) =>
        Assert.Equal(belongs, ForceBlobs.NamesForce(Encoding.UTF8.GetBytes(json), Nl));

    [Fact]
    public void The_manifest_verifies_only_under_the_same_key_and_unaltered()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var entry = new BackupEntry("grid-shards", "NL/g/0/manifest.json", 10, new string('a', 64), Append: false);
        var manifest = new BackupManifest(1, "NL", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(5), ["NL/g"], [entry], "").Signed(key);

        Assert.True(manifest.Verifies(key));
        Assert.True(BackupManifest.Parse(manifest.ToJson()).Verifies(key));
        Assert.False(manifest.Verifies(RandomNumberGenerator.GetBytes(32)));
        Assert.False((manifest with { Entries = [entry with { Sha256 = new string('b', 64) }] }).Verifies(key));
        Assert.False((manifest with { StartedUtc = manifest.StartedUtc.AddDays(1) }).Verifies(key)); // erasure replay window
        Assert.False((manifest with { Mac = "" }).Verifies(key));
    }
}
