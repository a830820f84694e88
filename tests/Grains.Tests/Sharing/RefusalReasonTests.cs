using Grid.Contracts.Sharing;
using Xunit;

namespace Grid.Grains.Tests.Sharing;

public sealed class RefusalReasonTests
{
    [Fact]
    public void Every_reason_has_its_own_stable_code_and_a_sentence()
    {
        var reasons = Enum.GetValues<RefusalReason>();
        var codes = reasons.Select(r => r.Code()).ToArray();
        Assert.Equal(reasons.Length, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^[a-z]+(-[a-z]+)*$", c));
        Assert.All(reasons, r => Assert.DoesNotContain("(", r.Describe()));

        // Published codes: scripts match on these, so a rename must fail here.
        Assert.Equal("no-agreement", RefusalReason.NoAgreement.Code());
        Assert.Equal("quota-exhausted", RefusalReason.QuotaExhausted.Code());
        Assert.Equal("agreement-not-active", RefusalReason.NotActive.Code());
    }
}
