using Grid.Contracts.Review;

namespace Grid.Grains.Review;

[GenerateSerializer, Alias("grid.subject-record-state")]
public sealed class SubjectRecordState
{
    [Id(0)]
    public CandidateImage? Image { get; set; }

    [Id(1)]
    public SubjectCoreData? CoreData { get; set; }
}
