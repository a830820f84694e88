using System.Reflection;
using System.Text.RegularExpressions;
using Grid.Protocol.Local;
using Xunit;

namespace Grid.Cluster.Tests.GridSh;

/// <summary>
/// grid.sh repeats nothing the local-cluster tool owns (issue 12 item 7, issue 13 item 3): no default port, no storage
/// account or key, no file or folder name of the grid's layout, no certificate step, no silo setting name, no wait.
/// A value grid.sh needs comes from <c>Grid.DevCluster env</c>.
/// </summary>
public sealed class GridShDefaultsTests
{
    private static readonly string Script = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "grid.sh"));

    public static TheoryData<string, int> Ports()
    {
        var ports = new TheoryData<string, int>();
        foreach (var field in typeof(LocalGridDefaults).GetFields(BindingFlags.Public | BindingFlags.Static))
            if (field is { IsLiteral: true } && field.FieldType == typeof(int)) ports.Add(field.Name, (int)field.GetRawConstantValue()!);
        return ports;
    }

    [Theory]
    [MemberData(nameof(Ports))]
    public void No_default_port(string name, int port) =>
        Assert.False(Regex.IsMatch(Script, $"(?<![0-9]){port}(?![0-9])"), $"grid.sh repeats LocalGridDefaults.{name} ({port})");

    [Theory]
    [InlineData(LocalGridDefaults.DevelopmentAccount)]
    [InlineData(LocalGridDefaults.DevelopmentAccountKey)]
    [InlineData(LocalGridDefaults.ClusterId)]
    [InlineData(LocalGridDefaults.RunFolderName + "/")]
    [InlineData("/" + LocalGridDefaults.KeysFolderName + "/")]
    [InlineData(LocalGridDefaults.CaFileName)]
    [InlineData("operator.key")]
    [InlineData("cluster.secret")]
    [InlineData(".pid")]
    [InlineData("Grid__")] // silo settings (secrets, storage accounts, JSON logs) are the tool's to pass
    [InlineData("AZURITE_ACCOUNTS")]
    [InlineData("src/Silo/bin")]
    [InlineData("src/Cli/bin")]
    [InlineData("src/Portal/bin")]
    [InlineData("/dev/tcp")] // waiting for ports (and how long) is the tool's
    public void No_value_the_tool_owns(string value) => Assert.DoesNotContain(value, Script, StringComparison.Ordinal);

    [Fact]
    public void No_certificate_made_with_openssl() =>
        Assert.DoesNotMatch(new Regex(@"openssl\s+(req|x509|genpkey|ecparam|ca)\b"), Script);
}
