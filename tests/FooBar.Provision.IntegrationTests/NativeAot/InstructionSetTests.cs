namespace FooBar.Provision.IntegrationTests.NativeAot;

/// <summary>
/// The CPU level the tool's native code is compiled for (docs/packaging.md, "CPU level"): x86-64-v2 on x64, which every
/// x86-64 server of the last decade has; nothing on other architectures; a level given on the command line wins.
/// </summary>
public sealed class InstructionSetTests
{
    [Theory]
    [InlineData("linux-x64", "", "x86-64-v2")]
    [InlineData("win-x64", "", "x86-64-v2")]
    [InlineData("linux-musl-x64", "", "x86-64-v2")]
    [InlineData("linux-arm64", "", "")]
    [InlineData("linux-x64", "x86-64", "x86-64")]
    public async Task The_tool_is_compiled_for_x86_64_v2_on_x64_unless_told_otherwise(string runtime, string given, string expected)
    {
        List<string> arguments = ["msbuild", "FooBar.Provision.Tool/FooBar.Provision.Tool.csproj", "-nologo", "-getProperty:IlcInstructionSet", "-p:RuntimeIdentifier=" + runtime];
        if (given.Length > 0)
        {
            arguments.Add("-p:IlcInstructionSet=" + given);
        }

        var output = await LocalProcess.RunInAsync(Repository.Root(), TimeSpan.FromMinutes(2), "dotnet", [.. arguments]);

        Assert.Equal(expected, output.Trim());
    }
}
