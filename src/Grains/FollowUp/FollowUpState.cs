using Grid.Contracts.Review;

namespace Grid.Grains.FollowUp;

[GenerateSerializer, Alias("grid.follow-up-state")]
public sealed class FollowUpState
{
    /// <summary>The owner's copy: never the core data itself, which stays in the subject record.</summary>
    [Id(0)]
    public FollowUpView? FollowUp { get; set; }
}
