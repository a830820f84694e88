using Grid.Contracts.Errors;
using Grid.Contracts.Identity;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Errors;

/// <summary>Every user-facing error is a <see cref="GridException"/> with its own stable code, and keeps type, code,
/// message and inner message through the Orleans serializer (that is how a silo's refusal reaches a client).</summary>
public sealed class GridExceptionTests
{
    public static TheoryData<GridException, string> Errors() => new()
    {
        { new GridException("plain"), GridErrorCodes.Failed },
        { new GridException("custom-code", "with a code"), "custom-code" },
        { new GridAccessDeniedException("no key"), GridErrorCodes.AccessDenied },
        { new GalleryNotFoundException("no such gallery"), GridErrorCodes.GalleryNotFound },
        { new GalleryConflictException("other config", new InvalidOperationException("inner")), GridErrorCodes.GalleryConflict },
        { new InvalidSubjectRefException("bad ref"), GridErrorCodes.InvalidSubjectRef },
        { new InvalidTemplateException("bad template"), GridErrorCodes.InvalidTemplate },
        { new ModelMismatchException("other model"), GridErrorCodes.ModelMismatch },
        { new StorageUnavailableException("storage down", new TimeoutException("slow")), GridErrorCodes.StorageUnavailable },
        { new ForceSilosUnavailableException("no silo"), GridErrorCodes.ForceSilosUnavailable },
        { new AuditUnavailableException("audit slow", new TimeoutException("deadline")), GridErrorCodes.AuditUnavailable },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Each_error_round_trips_with_its_type_code_and_message(GridException error, string code)
    {
        Assert.Equal(code, error.Code);
        var copy = RoundTrip.Copy<Exception>(error);
        Assert.IsType(error.GetType(), copy);
        var grid = Assert.IsAssignableFrom<GridException>(copy);
        Assert.Equal((code, error.Message), (grid.Code, grid.Message));
        Assert.Equal(error.InnerException?.Message, copy.InnerException?.Message);
    }

    [Fact]
    public void Codes_are_distinct_per_kind()
    {
        var codes = typeof(GridErrorCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToArray();
        Assert.Equal(codes.Length, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^[a-z]+(-[a-z]+)*$", c));
    }
}
