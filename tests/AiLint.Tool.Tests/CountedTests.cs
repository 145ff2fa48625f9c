namespace AiLint.Tool.Tests;

public class CountedTests
{
    [Theory]
    [InlineData(0, "prompt", "0 prompts")]
    [InlineData(1, "prompt", "1 prompt")]
    [InlineData(2, "MCP server", "2 MCP servers")]
    public void Counts_read_as_english(int count, string noun, string expected) =>
        Assert.Equal(expected, Counted.Of(count, noun));
}
