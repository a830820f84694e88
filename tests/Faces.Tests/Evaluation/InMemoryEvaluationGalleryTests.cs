using Grid.Faces.Evaluation;

namespace Grid.Faces.Tests.Evaluation;

public sealed class InMemoryEvaluationGalleryTests
{
    [Fact]
    public async Task Search_ranks_subjects_by_their_best_template()
    {
        var gallery = new InMemoryEvaluationGallery();
        await gallery.EnrolAsync("a", [1, 0, 0]);
        await gallery.EnrolAsync("b", [0, 1, 0]);
        await gallery.EnrolAsync("b", [0.8f, 0.6f, 0]);
        await gallery.EnrolAsync("c", [0, 0, 1]);

        var ranked = await gallery.SearchAsync([0.9f, 0.43589f, 0], k: 2);

        Assert.Equal(["b", "a"], ranked);
    }
}
