using Grid.Contracts.Errors;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Identity;

public class IdentityContractTests
{
    [Theory]
    [InlineData("NL")]
    [InlineData("DE-BKA")]
    [InlineData("FR-PN")]
    [InlineData("GB-NCA2024")]
    [InlineData("US-ABCDEFGHIJKLMNOP")]
    public void Valid_force_ids_parse(string text) => Assert.Equal(text, ForceId.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("nl")]
    [InlineData("XX")]
    [InlineData("UK")]
    [InlineData("DE-")]
    [InlineData("DE-bka")]
    [InlineData("DE_BKA")]
    [InlineData("DE-BKA-X")]
    [InlineData("US-ABCDEFGHIJKLMNOPQ")]
    public void Invalid_force_ids_are_refused(string text)
    {
        Assert.False(ForceId.TryParse(text, out _));
        Assert.Throws<ArgumentException>(() => ForceId.Parse(text));
    }

    [Fact]
    public void Gallery_id_parses_and_prints()
    {
        var id = GalleryId.Parse("DE-BKA/suspects");
        Assert.Equal(new GalleryId("DE-BKA", "suspects"), id);
        Assert.Equal("DE-BKA/suspects", id.ToString());
        Assert.Throws<FormatException>(() => GalleryId.Parse("DE-BKA"));
        Assert.Throws<FormatException>(() => GalleryId.Parse("a/b/c"));
    }

    [Fact]
    public void Principal_roles_are_checked_as_flags()
    {
        var p = Samples.User(Samples.Nl, Role.Searcher | Role.Auditor);
        Assert.True(p.Acts(Samples.Nl, Role.Searcher));
        Assert.False(p.Acts(Samples.De, Role.Searcher));
        Assert.False(p.Has(Role.AgreementAdmin));
        Assert.False(p.Has(Role.None));
    }

    [Fact]
    public void Identity_records_round_trip()
    {
        var principal = Samples.User(Samples.Nl, Role.Searcher | Role.Enroller);
        RoundTrip.AssertSame(Samples.Nl);
        RoundTrip.AssertSame(new GalleryId("NL-KLPD", "suspects"));
        RoundTrip.AssertSame(principal);
        RoundTrip.AssertSame(Principal.Operator("root"));
        RoundTrip.AssertSame(new ApiKeyIssued("abc", "isg_abc_secret", principal));
        RoundTrip.AssertSame(new UserView("alice", Role.Auditor, "abc", true, Samples.Now));
        RoundTrip.AssertSame(new ForceView(Samples.De, "Bundeskriminalamt", false, Samples.Now, 3));
        Assert.Equal(Samples.Nl, RoundTrip.Copy(Samples.Nl));
    }

    [Fact]
    public void Access_denied_round_trips_with_its_message()
    {
        // A denial is recognised by its type and code after the trip (it is a GridException like every user-facing error).
        var copy = RoundTrip.Copy(new GridAccessDeniedException("no key"));
        Assert.IsType<GridAccessDeniedException>(copy);
        Assert.Equal((GridErrorCodes.AccessDenied, "no key"), (copy.Code, copy.Message));
    }
}
