using Grid.Client.Files;
using Xunit;

namespace Grid.Client.Tests.Files;

public sealed class SubjectFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("grid-client-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_dir, $"subjects-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("S-1\nS-2\nS-3\n")]
    [InlineData("S-1\nS-2\nS-3")]
    [InlineData("S-1\r\nS-2\r\nS-3\r\n")]
    public void One_ref_per_line_with_or_without_a_final_newline(string text) =>
        Assert.Equal(["S-1", "S-2", "S-3"], SubjectFiles.Read(Write(text), 3));

    [Theory]
    [InlineData("S-1\nS-2\n", 3)]
    [InlineData("S-1\nS-2\nS-3\nS-4\n", 3)]
    [InlineData("", 1)]
    public void A_line_count_that_does_not_match_the_rows_is_refused(string text, int rows)
    {
        var path = Write(text);
        var e = Assert.Throws<TemplateFileException>(() => SubjectFiles.Read(path, rows));
        Assert.Contains(path, e.Message);
        Assert.Contains($"{rows} rows", e.Message);
    }

    [Theory]
    [InlineData("S-1\n\nS-3\n", 2)]
    [InlineData("S-1\n S-2\nS-3\n", 2)]
    [InlineData("S-1\nS-2\nS,3\n", 3)]
    [InlineData("S-1\nS\t2\nS-3\n", 2)]
    public void A_bad_line_is_named_with_its_number(string text, int badLine)
    {
        var path = Write(text);
        var e = Assert.Throws<TemplateFileException>(() => SubjectFiles.Read(path, 3));
        Assert.Contains(path, e.Message);
        Assert.Contains($"line {badLine}", e.Message);
    }

    [Fact]
    public void A_too_long_ref_is_refused()
    {
        var path = Write("S-1\n" + new string('x', 129) + "\n");
        Assert.Contains("line 2", Assert.Throws<TemplateFileException>(() => SubjectFiles.Read(path, 2)).Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = Path.Combine(_dir, "nope.txt");
        Assert.Contains(path, Assert.Throws<TemplateFileException>(() => SubjectFiles.Read(path, 1)).Message);
    }
}
