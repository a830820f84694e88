using Grid.Client.Faces;
using Grid.Client.Tests.Support;

namespace Grid.Client.Tests.Faces;

public class ImageLabelsTests
{
    [Fact]
    public void Each_sub_folder_is_a_subject_and_only_its_photos_are_taken()
    {
        using var dir = new TempFolder();
        var a1 = dir.File("case-0001/front.jpg");
        var a2 = dir.File("case-0001/side/profile.PNG");
        var b1 = dir.File("case-0002/b.webp");
        dir.File("case-0002/notes.txt");
        dir.File("loose.jpg");

        var images = ImageLabels.FromFolders(dir.Path);

        Assert.Equal(
            [new LabelledImage(a1, "case-0001"), new LabelledImage(a2, "case-0001"), new LabelledImage(b1, "case-0002")],
            images);
    }

    [Fact]
    public void A_folder_without_sub_folders_is_refused_with_the_expected_layout()
    {
        using var dir = new TempFolder();
        dir.File("a.jpg");

        var e = Assert.Throws<ArgumentException>(() => ImageLabels.FromFolders(dir.Path));

        Assert.Contains("no sub-folders", e.Message);
        Assert.Contains("named by its subjectRef", e.Message);
    }

    [Fact]
    public void A_folder_name_that_is_not_a_valid_subjectRef_is_refused_before_any_photo_is_read()
    {
        using var dir = new TempFolder();
        dir.File("ok/a.jpg");
        dir.File("smith,john/b.jpg");

        var e = Assert.Throws<ArgumentException>(() => ImageLabels.FromFolders(dir.Path));

        Assert.Contains("smith,john", e.Message);
        Assert.Contains("commas", e.Message);
    }

    [Fact]
    public void A_csv_with_a_header_resolves_relative_paths_from_its_own_folder()
    {
        using var dir = new TempFolder();
        var csv = dir.File("labels.csv", "path,subjectRef\nphotos/a.jpg, s-1 \n\n/abs/b.jpg,s-2\n");

        var images = ImageLabels.FromCsv(csv);

        Assert.Equal([new LabelledImage(Path.Combine(dir.Path, "photos/a.jpg"), "s-1"), new LabelledImage("/abs/b.jpg", "s-2")], images);
    }

    [Fact]
    public void A_csv_without_a_header_takes_every_line_and_paths_from_a_given_base()
    {
        using var dir = new TempFolder();
        var csv = dir.File("l.csv", "a.jpg,s-1\nb.jpg,s-2");

        var images = ImageLabels.FromCsv(csv, "/data/photos");

        Assert.Equal([new LabelledImage("/data/photos/a.jpg", "s-1"), new LabelledImage("/data/photos/b.jpg", "s-2")], images);
    }

    [Theory]
    [InlineData("path,subjectRef\na.jpg,s1\nb.jpg,s2,extra\n", "line 3: expected 'path,subjectRef'")]
    [InlineData("a.jpg\n", "line 1: expected 'path,subjectRef'")]
    [InlineData("a.jpg,\n", "line 1: SubjectRef is empty")]
    [InlineData(",s1\n", "line 1: expected 'path,subjectRef'")]
    [InlineData("a.jpg,s\u00011\n", "line 1: SubjectRef 's\u00011' has control characters")]
    [InlineData("path,subjectRef\n\n", "lists no photos")]
    public void A_bad_csv_line_is_refused_with_its_line_number(string content, string expected)
    {
        using var dir = new TempFolder();
        var csv = dir.File("labels.csv", content);

        var e = Assert.Throws<ArgumentException>(() => ImageLabels.FromCsv(csv));

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Missing_inputs_are_named()
    {
        Assert.Contains("no such folder", Assert.Throws<ArgumentException>(() => ImageLabels.FromFolders("/no/such/dir")).Message);
        Assert.Contains("no such file", Assert.Throws<ArgumentException>(() => ImageLabels.FromCsv("/no/such.csv")).Message);
    }
}
