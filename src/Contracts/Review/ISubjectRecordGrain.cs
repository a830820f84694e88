namespace Grid.Contracts.Review;

/// <summary>
/// What an owner keeps about one subject besides its templates [key <c>FORCE/gallery/subjectRef</c>]: a reference
/// face image and core data, both in the owner's grain storage, never searched or indexed. Set and read by the
/// owner's enrollers and reviewers; the image reaches another force only through that force's case
/// (<see cref="GetImageForCaseAsync"/>), and core data only through a follow-up release.
/// </summary>
public interface ISubjectRecordGrain : IGrainWithStringKey
{
    Task SetImageAsync(CandidateImage image);

    Task SetCoreDataAsync(SubjectCoreData coreData);

    Task<CandidateImage?> GetImageAsync();

    Task<SubjectCoreData?> GetCoreDataAsync();

    /// <summary>Silo-internal (a requester's case, acting for its reviewer): the image if the owner's agreement with
    /// the caller's force is active, covers the gallery and shares images at this moment.</summary>
    Task<CandidateImage> GetImageForCaseAsync(string searchId, int rank);

    /// <summary>Silo-internal (the owner's follow-up grain, acting for the owner's reviewer).</summary>
    Task<SubjectCoreData?> GetCoreDataForReleaseAsync();

    /// <summary>Silo-internal (the gallery, when the subject is removed): deletes image and core data, as removal really removes.</summary>
    Task ForgetAsync();
}
