using CsCheck;
using Grid.Contracts.Identity;
using Grid.Contracts.Review;
using Grid.Grains.Review;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Review;

/// <summary>Random decision histories against the review rules: four-eyes and blindness hold whatever the order.</summary>
public sealed class ReviewRulesProperties
{
    private static readonly Gen<(Principal Actor, int Rank, ReviewVerdict Verdict)> Step =
        from force in Gen.OneOf(Samples.Nl, Samples.De)
        from user in Gen.OneOf("ann", "ben", "cal")
        from roles in Gen.OneOf(Role.Reviewer, Role.Reviewer | Role.Searcher, Role.Searcher, Role.Auditor)
        from rank in Gen.Int[1, 3]
        from verdict in Gen.Enum<ReviewVerdict>()
        select (new Principal(force, user, roles, false), rank, verdict);

    [Fact]
    public void Random_decisions_keep_four_eyes_and_blind_review()
    {
        Gen.Select(Gen.Int[1, 2], Step.Array[1, 30]).Sample((reviewers, steps) =>
        {
            var current = ReviewSamples.Case(reviewers);
            foreach (var (actor, rank, verdict) in steps)
            {
                var before = current.Candidates.FirstOrDefault(c => c.Rank == rank);
                var step = ReviewRules.Decide(current, actor, rank, verdict, "note", Samples.Now);
                Assert.Equal(!actor.Acts(Samples.Nl, Role.Reviewer), step.Forbidden);
                if (!step.Succeeded)
                {
                    if (!step.Forbidden && before is not null)
                        Assert.True(before.Decisions.Any(d => d.Reviewer == actor.ToString()) || before.Decisions.Length >= before.RequiredReviewers);
                    continue;
                }

                current = step.Next!;
            }

            foreach (var c in current.Candidates)
            {
                // Never more decisions than required, never two from one reviewer, and confirmed only when all agree.
                Assert.True(c.Decisions.Length <= c.RequiredReviewers);
                Assert.Equal(c.Decisions.Length, c.Decisions.Select(d => d.Reviewer).Distinct().Count());
                Assert.Equal(c.Decisions.Length, c.DecisionsRecorded);
                Assert.Equal(c.Outcome == ReviewOutcome.PossibleMatch,
                    c.Decisions.Length == c.RequiredReviewers && c.Decisions.All(d => d.Verdict == ReviewVerdict.PossibleMatch));

                // A viewer who has not decided on an unfinished four-eyes candidate sees no verdicts.
                foreach (var viewer in new[] { "ann", "ben", "cal" }.Select(u => new Principal(Samples.Nl, u, Role.Reviewer, false)))
                {
                    var seen = ReviewRules.ViewFor(current, viewer, Samples.Now).Candidates.Single(v => v.Rank == c.Rank);
                    var blind = c.RequiredReviewers > 1 && c.Decisions.Length < c.RequiredReviewers && c.Decisions.All(d => d.Reviewer != viewer.ToString());
                    Assert.Equal(blind ? 0 : c.Decisions.Length, seen.Decisions.Length);
                    Assert.Equal(c.Decisions.Length, seen.DecisionsRecorded);
                }
            }
        });
    }
}
