using Grid.Contracts.Identity;
using Grid.Grains.Identity;
using Grid.Protocol.Identity;
using Xunit;

namespace Grid.Grains.Tests.Identity;

public class KeyFileTests
{
    [Fact]
    public void The_key_file_is_private_and_never_overwritten()
    {
        var dir = Directory.CreateTempSubdirectory("grid-key-");
        try
        {
            var path = Path.Combine(dir.FullName, "run", "operator.key");
            var key = ApiKeyHasher.Create().Key;
            KeyFile.Write(path, key);
            Assert.Equal(key, KeyFile.Read(path));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            Assert.Throws<IOException>(() => KeyFile.Write(path, "other"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
