using Grid.Contracts.Galleries;
using Grid.Contracts.Sharing;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Sharing;

public class SharingContractTests
{
    [Fact]
    public void A_complete_purpose_is_valid()
    {
        Assert.True(Samples.Purpose().TryValidate(out var problems));
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("", "C-1", SubjectCategory.Suspect, "a long enough reason", "offence category is missing")]
    [InlineData("shoplifting", "C-1", SubjectCategory.Suspect, "a long enough reason", "not an offence category")]
    [InlineData("murder", " ", SubjectCategory.Suspect, "a long enough reason", "case reference is missing")]
    [InlineData("murder", "C-1", SubjectCategory.Unspecified, "a long enough reason", "subject category")]
    [InlineData("murder", "C-1", SubjectCategory.Victim, "short", "justification")]
    public void Each_missing_field_is_named(string offence, string caseRef, SubjectCategory subject, string why, string expected)
    {
        var purpose = new SearchPurpose(offence, caseRef, subject, why);
        Assert.False(purpose.TryValidate(out var problems));
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(purpose.Validate);
    }

    [Fact]
    public void Catalogue_codes_are_unique_and_minor_offences_cannot_be_shared()
    {
        Assert.Equal(OffenceCatalogue.All.Count, OffenceCatalogue.All.Select(o => o.Code).Distinct().Count());
        Assert.True(OffenceCatalogue.Get("terrorism").MeetsOneYearThreshold);
        Assert.True(OffenceCatalogue.Get("missing-person").EligibleForCrossBorder);
        Assert.False(OffenceCatalogue.Get("minor-theft").EligibleForCrossBorder);
    }

    [Fact]
    public void Terms_are_checked()
    {
        Assert.True(Samples.Terms(Samples.De).TryValidate(Samples.De, out var none));
        Assert.Empty(none);
        var bad = Samples.Terms(Samples.De) with
        {
            Galleries = [new GalleryId("NL-KLPD", "x")],
            Offences = ["minor-theft"],
            MaxCandidates = 0,
            DailyQuota = 0,
            ValidUntil = Samples.Now.AddYears(-2),
        };
        Assert.False(bad.TryValidate(Samples.De, out var problems));
        Assert.Equal(5, problems.Count);
    }

    [Fact]
    public void Agreement_key_parses_and_prints()
    {
        var key = AgreementKey.Parse("DE-BKA->NL-KLPD");
        Assert.Equal(new AgreementKey(Samples.De, Samples.Nl), key);
        Assert.Equal("DE-BKA->NL-KLPD", key.ToString());
        Assert.Throws<FormatException>(() => AgreementKey.Parse("DE-BKA"));
    }

    [Fact]
    public void Sharing_records_round_trip()
    {
        var terms = Samples.Terms(Samples.De);
        var key = new AgreementKey(Samples.De, Samples.Nl);
        var change = new AgreementChange(1, Samples.Now, AgreementAction.Propose, Samples.User(Samples.De, Contracts.Identity.Role.AgreementAdmin), AgreementStatus.Proposed, terms);
        var ticket = new SearchTicket(key, 2, "alice", Samples.Galleries(Samples.De, "suspects"), Samples.Purpose(), 20, 0.4f, Samples.Now, Samples.Now.AddMinutes(1), "n0nce", "c2ln");
        RoundTrip.AssertSame(Samples.Purpose());
        RoundTrip.AssertSame(terms);
        RoundTrip.AssertSame(key);
        RoundTrip.AssertSame(change);
        RoundTrip.AssertSame(new AgreementView(key, 1, AgreementStatus.Proposed, terms, [change]));
        RoundTrip.AssertSame(new AgreementView(key, 0, AgreementStatus.None, null, []));
        RoundTrip.AssertSame(ticket);
        RoundTrip.AssertSame(Authorisation.Grant(ticket));
        RoundTrip.AssertSame(Authorisation.Refuse(RefusalReason.QuotaExhausted, "quota"));
        RoundTrip.AssertSame(OffenceCatalogue.Get("murder"));
    }
}
