using System.Text.Json;
using Grid.Protocol.Review;
using Grid.Protocol.Sharing;
using Grid.Protocol.Wire;

namespace Grid.Client.Tests.Wire;

/// <summary>The review workflow's client-side logic: follow-up ids to paths, image sniffing, and the wire as another
/// language writes it (older agreement terms without the review fields mean one reviewer, no images).</summary>
public class ReviewWireTests
{
    private static readonly GridJsonContext Json = GridJsonContext.Default;

    [Fact]
    public void A_follow_up_id_becomes_the_owners_path_with_each_part_escaped()
    {
        var id = "DE-BKA/NL.0123456789abcdef0123456789abcdef.2";
        Assert.Equal("v1/forces/DE-BKA/follow-ups/NL.0123456789abcdef0123456789abcdef.2", GridClient.FollowUpPath(id));
        Assert.Equal("v1/forces/DE/follow-ups/NL%20X.1", GridClient.FollowUpPath("DE/NL X.1"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-slash")]
    [InlineData("/leading")]
    [InlineData("trailing/")]
    [InlineData("A/B/C")]
    public void A_malformed_follow_up_id_is_refused_before_anything_is_sent(string id) =>
        Assert.Throws<ArgumentException>(() => GridClient.FollowUpPath(id));

    [Fact]
    public void Images_are_recognised_by_their_first_bytes_not_their_names()
    {
        Assert.Equal("image/jpeg", GridImage.Sniff([0xFF, 0xD8, 0xFF, 0xE0]));
        Assert.Equal("image/png", GridImage.Sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]));
        Assert.Null(GridImage.Sniff("GIF89a"u8));
        Assert.Null(GridImage.Sniff([0xFF, 0xD8]));
        Assert.Equal(".png", new GridImage("image/png", []).Extension);
    }

    [Fact]
    public void Agreement_terms_without_review_fields_mean_one_reviewer_and_no_images()
    {
        const string text = """{"galleries":["DE/robbery"],"offences":["fraud"],"maxCandidates":3,"minScore":0.2,"dailyQuota":5,"validFrom":"2026-01-01T00:00:00Z","validUntil":"2027-01-01T00:00:00Z"}""";
        var terms = JsonSerializer.Deserialize(text, Json.AgreementTerms)!;
        Assert.Equal((1, false), (terms.RequiredReviewers, terms.ShareImages));
        var four = JsonSerializer.Serialize(terms with { RequiredReviewers = 2, ShareImages = true }, Json.AgreementTerms);
        Assert.Contains("\"requiredReviewers\":2", four);
        Assert.Contains("\"shareImages\":true", four);
    }

    [Fact]
    public void Decisions_and_core_data_read_as_another_language_writes_them()
    {
        var decision = JsonSerializer.Deserialize("""{"verdict":"PossibleMatch","note":"same scar"}""", Json.DecideRequest)!;
        Assert.Equal(ReviewVerdict.PossibleMatch, decision.Verdict);
        var data = JsonSerializer.Deserialize("""{"names":["Max Mustermann"],"dateOfBirth":"1980-05-01","nationality":"DE","sex":"M","caseNumber":"BKA-1","authority":"BKA"}""",
            Json.SubjectCoreData)!;
        Assert.Equal((new DateOnly(1980, 5, 1), "DE", null), (data.DateOfBirth, data.Nationality, data.Aliases));
        var extension = JsonSerializer.Serialize(new FollowUpExtension("AG Berlin", new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero)), Json.FollowUpExtension);
        Assert.Equal("""{"authorisation":"AG Berlin","until":"2026-12-02T00:00:00+00:00"}""", extension);
    }
}
